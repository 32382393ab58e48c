/** Trino's JSON values and Athena's text values → plain values, by column type. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { trinoValue } from '../../src/engines/trino/trino-values.ts';

test('integers are numbers, and text beyond 2^53 (Athena sends text)', () => {
  assert.equal(trinoValue('bigint', 42), 42);
  assert.equal(trinoValue('integer', '-7'), -7);
  assert.equal(trinoValue('bigint', '9007199254740993'), '9007199254740993');
});

test('decimals stay exact text; doubles are numbers; booleans from JSON or text', () => {
  assert.equal(trinoValue('decimal(38,2)', '12345678901234567890.10'), '12345678901234567890.10');
  assert.equal(trinoValue('decimal', '-0.005'), '-0.005');
  assert.equal(trinoValue('double', 1.5), 1.5);
  assert.equal(trinoValue('double', '2.25'), 2.25);
  assert.equal(trinoValue('boolean', false), false);
  assert.equal(trinoValue('boolean', 'true'), true);
});

test('dates as written, timestamps as ISO UTC (microseconds truncated to milliseconds), NULL and empty text kept apart', () => {
  assert.equal(trinoValue('date', '2024-02-29'), '2024-02-29');
  assert.equal(trinoValue('timestamp(6)', '2024-02-29 23:59:59.999999'), '2024-02-29T23:59:59.999Z');
  assert.equal(trinoValue('timestamp', '1969-12-31 23:59:59.000'), '1969-12-31T23:59:59.000Z');
  assert.equal(trinoValue('varchar', null), null);
  assert.equal(trinoValue('varchar', ''), '');
  assert.equal(trinoValue('varchar(5)', 'Ñandú'), 'Ñandú');
});
