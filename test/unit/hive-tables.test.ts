/** Trino and Athena read whole folders: a snapshot with CSV beside Parquet is refused with a message saying what to do. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CatalogTable } from '../../src/catalog/catalog.ts';
import { assertParquetOnly } from '../../src/engines/hive-tables.ts';

const table = (name: string, formats: ('parquet' | 'csv')[]): CatalogTable => ({
  name, source: 'mysql', table: name.replace('mysql_', ''), columns: [], previous: [],
  snapshot: { id: 's1', committedAt: '2026-11-29T00:00:00Z', location: '/lake/x/', rows: 1, bytes: 1, formats, files: formats.map((format) => ({ key: `x/part-0.${format}`, format, rows: 1, bytes: 1 })) },
});

test('Parquet-only snapshots pass; a snapshot with CSV copies is named with the fix', () => {
  assertParquetOnly([table('mysql_users', ['parquet'])], 'Trino');
  assert.throws(() => assertParquetOnly([table('mysql_users', ['parquet']), table('mysql_clients', ['parquet', 'csv'])], 'Athena'), (error: Error) => {
    assert.match(error.message, /mysql_clients/);
    assert.doesNotMatch(error.message, /mysql_users/);
    assert.match(error.message, /--format parquet/);
    return true;
  });
});
