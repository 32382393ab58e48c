/** Cassandra values → exact text: the fast decimal path agrees with the driver's arbitrary-precision one. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import cassandra from 'cassandra-driver';
import { cassandraCsvEncoder, decimalText } from '../../src/sources/cassandra/cassandra-types.ts';
import { decimalShape } from '../../src/sources/decimal-sizing.ts';

const { BigDecimal, Integer } = cassandra.types;

/** The exact decimal text computed with BigInt only. */
function reference(unscaled: bigint, scale: number): string {
  if (scale <= 0) return (unscaled * 10n ** BigInt(-scale)).toString();
  const abs = (unscaled < 0n ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  return `${unscaled < 0n ? '-' : ''}${abs.slice(0, -scale)}.${abs.slice(-scale)}`;
}

test('decimal text is exact for small, huge, negative and negative-scale values', () => {
  const samples: [bigint, number][] = [[0n, 0], [0n, 2], [5n, 3], [-5n, 3], [123456n, 2], [-123456n, 2], [1n, -3], [-7n, -2], [0n, -4],
    [2n ** 53n - 1n, 4], [2n ** 53n, 4], [-(2n ** 53n) - 1n, 1], [10n ** 40n + 7n, 30], [-(10n ** 38n), 0]];
  for (let i = 0; i < 2000; i++) {
    const digits = 1 + Math.floor(Math.random() * 45);
    let n = 0n;
    for (let d = 0; d < digits; d++) n = n * 10n + BigInt(Math.floor(Math.random() * 10));
    samples.push([Math.random() < 0.5 ? -n : n, Math.floor(Math.random() * 20) - 4]);
  }
  for (const [unscaled, scale] of samples) {
    const value = new BigDecimal(Integer.fromString(unscaled.toString()) as never, scale);
    assert.equal(decimalText(value as never), reference(unscaled, scale), `${unscaled}e-${scale}`);
  }
});

test('CSV fields: plain types unquoted, NULL empty, text quoted when it must be', () => {
  assert.equal(cassandraCsvEncoder('decimal')(null), '');
  assert.equal(cassandraCsvEncoder('int')(42), '42');
  assert.equal(cassandraCsvEncoder('text')(''), '""');
  assert.equal(cassandraCsvEncoder('text')('a,"b"'), '"a,""b"""');
  assert.equal(cassandraCsvEncoder('text')(null), '');
  assert.equal(cassandraCsvEncoder('timestamp')(new Date(Date.UTC(2024, 1, 29, 23, 59, 59, 999))), String(Date.UTC(2024, 1, 29, 23, 59, 59, 999)), 'instants as epoch milliseconds');
  assert.equal(cassandraCsvEncoder('timestamp')(new Date(-1)), '-1');
  const uuid = cassandra.types.Uuid.fromString('0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d');
  assert.equal(cassandraCsvEncoder('uuid')(uuid), '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d');
  assert.equal(cassandraCsvEncoder('timeuuid')(cassandra.types.TimeUuid.fromString('50554d6e-29bb-11e5-b345-feff819cdc9f')), '50554d6e-29bb-11e5-b345-feff819cdc9f');
});

test('decimal shape: scale and integer digits without sign or leading zeros', () => {
  assert.deepEqual(decimalShape('-0012.340'), { scale: 3, digits: 2 });
  assert.deepEqual(decimalShape('0.5'), { scale: 1, digits: 0 });
  assert.deepEqual(decimalShape('1000'), { scale: 0, digits: 4 });
});
