/**
 * How a catalogued snapshot becomes a Trino table: one external Hive table per snapshot over its Parquet folder
 * (never changed once created), and a view named like the catalog table that is switched to the newest one with
 * CREATE OR REPLACE VIEW — the same atomic step the catalog takes.
 */
import type { CatalogTable } from '../../catalog/catalog.ts';
import { hiveType } from '../../catalog/glue/glue-types.ts';

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
export const quoteText = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** Hive type names Trino spells differently; the others (decimal(p,s), date, boolean, bigint…) are the same. */
const TRINO_NAMES: Record<string, string> = { string: 'varchar', int: 'integer', float: 'real', binary: 'varbinary', timestamp: 'timestamp(6)' };

/** Trino column types of the Hive connector for a lake type label (UTC instants are `timestamp(6)`). */
export function trinoType(label: string): string {
  const hive = hiveType(label);
  return TRINO_NAMES[hive] ?? hive;
}

/** A snapshot id as it appears in table names (Hive names are lower case); keys sort like the ids they come from. */
export const tableSnapshotKey = (snapshotId: string): string => snapshotId.toLowerCase().replace(/[^a-z0-9_]/g, '_');

/** `mysql_users__20261129t183700123z_000`: the per-snapshot table's name. */
export function snapshotTableName(name: string, snapshotId: string): string {
  return `${name}__${tableSnapshotKey(snapshotId)}`;
}

/** The snapshot key of a per-snapshot table of `name`, or null when `tableName` is not one. */
export function snapshotOfTableName(name: string, tableName: string): string | null {
  const prefix = `${name}__`;
  if (!tableName.startsWith(prefix)) return null;
  const key = tableName.slice(prefix.length);
  return /^[a-z0-9_]+$/.test(key) ? key : null;
}

/** The snapshot folder as the Hive connector names it: `local:///abs/path/` for a local lake, the s3:// URI otherwise. */
export function externalLocation(location: string): string {
  if (/^s3a?:\/\//.test(location)) return location;
  if (!location.startsWith('/')) throw new Error(`a local snapshot location must be absolute: ${location}`);
  return `local://${location}`;
}

export function createSnapshotTableSql(schema: string, table: CatalogTable): string {
  const columns = table.columns.map((c) => `${quoteIdent(c.name)} ${trinoType(c.type)}`).join(', ');
  return `CREATE TABLE IF NOT EXISTS ${schema}.${quoteIdent(snapshotTableName(table.name, table.snapshot.id))} (${columns})
    WITH (format = 'PARQUET', external_location = ${quoteText(externalLocation(table.snapshot.location))})`;
}

export function switchViewSql(schema: string, table: CatalogTable): string {
  return `CREATE OR REPLACE VIEW ${schema}.${quoteIdent(table.name)} AS SELECT * FROM ${schema}.${quoteIdent(snapshotTableName(table.name, table.snapshot.id))}`;
}
