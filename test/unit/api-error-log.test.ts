import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loggable } from '../../src/api/errors.ts';

test('an unexpected API error is logged without its stack or file paths, unless PRIMAC_DEBUG=1', () => {
  const error = new Error('IO Error: No files found that match the pattern "/srv/primac/lake/mysql/users/snapshot=1/part-0.parquet"; s3://bucket/key stays');
  const logged = loggable(error, false);
  assert.deepEqual(Object.keys(logged), ['type', 'message']);
  assert.equal(logged.message, 'IO Error: No files found that match the pattern "…/part-0.parquet"; s3://bucket/key stays');
  const debug = loggable(error, true);
  assert.equal(debug.message, error.message);
  assert.match(debug.stack ?? '', /api-error-log\.test\.ts/);
  assert.deepEqual(loggable('plain text', false), { type: 'Error', message: 'plain text' });
});
