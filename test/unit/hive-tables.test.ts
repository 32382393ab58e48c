/** Trino and Athena read whole folders: a snapshot with CSV beside Parquet is left out, with a message saying what to do. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CatalogTable } from '../../src/catalog/catalog.ts';
import { parquetOnly } from '../../src/engines/hive-tables.ts';

const table = (name: string, formats: ('parquet' | 'csv')[]): CatalogTable => ({
  name, source: 'mysql', table: name.replace('mysql_', ''), columns: [], previous: [],
  snapshot: { id: `s-${name}`, committedAt: '2026-11-29T00:00:00Z', location: '/lake/x/', rows: 1, bytes: 1, formats, files: formats.map((format) => ({ key: `x/part-0.${format}`, format, rows: 1, bytes: 1 })) },
});

test('Parquet-only snapshots are served; one with CSV copies is left out and named once with the fix', () => {
  const warnings: string[] = [];
  const tables = [table('mysql_users', ['parquet']), table('mysql_clients', ['parquet', 'csv'])];
  assert.deepEqual(parquetOnly(tables, 'Athena', (m) => warnings.push(m)).map((t) => t.name), ['mysql_users']);
  assert.deepEqual(parquetOnly(tables, 'Athena', (m) => warnings.push(m)).map((t) => t.name), ['mysql_users']);
  assert.equal(warnings.length, 1, 'once per snapshot');
  assert.match(warnings[0]!, /mysql_clients/);
  assert.doesNotMatch(warnings[0]!, /mysql_users/);
  assert.match(warnings[0]!, /--format parquet/);
});
