/** A CSV value DuckDB cannot convert: the error names the line and the column, never the row's data. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { LakeWriter } from '../../src/lake/parquet/lake-writer.ts';

test('a conversion error from DuckDB does not quote the row', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'primac-writer-'));
  const writer = await LakeWriter.create({ tempDirectory: join(folder, 'tmp') });
  const duckdb = await writer.connect();
  try {
    const columns = [{ name: 'id', type: { kind: 'int32' }, nullable: false, nativeType: 'int' }, { name: 'secret', type: { kind: 'string' }, nullable: true, nativeType: 'text' }] as const;
    const csv = Readable.from(['1,fine\n', 'not-a-number,Jane Doe 555-0100\n']);
    const failure = await writer.csvToParquet(duckdb, csv, columns, join(folder, 'out')).then(() => null, (e: Error) => e);
    assert.ok(failure, 'the bad value fails the write');
    assert.match(failure.message, /Original Line: \(not shown: it holds row data\)/);
    assert.doesNotMatch(failure.message, /Jane Doe|555-0100/);
  } finally {
    duckdb.closeSync();
    await writer.close();
    rmSync(folder, { recursive: true, force: true });
  }
});
