/**
 * What the Hive-connector engines (Trino, Athena) need of a snapshot: they read every file of a table's folder, so
 * a snapshot written with CSV copies beside its Parquet files (`ingest --format both`) cannot be served by them.
 * Such tables are left out (their routes answer DATA_UNAVAILABLE) and a warning says why, once per snapshot.
 */
import type { CatalogTable } from '../catalog/catalog.ts';

const warned = new Set<string>();

export function unreadableByHive(table: CatalogTable, engine: string): string | null {
  if (table.snapshot.files.every((f) => f.format === 'parquet')) return null;
  return `${engine} reads every file in a table's folder, and the current snapshot of ${table.name} holds CSV files beside its Parquet files: ingest it again with --format parquet (the default) to serve it with ${engine}, or use QUERY_ENGINE=duckdb.`;
}

/** The tables the engine can read; the others are reported on stderr (once per snapshot) and left out. */
export function parquetOnly(tables: readonly CatalogTable[], engine: string, warn = (message: string) => process.emitWarning(message, { code: 'PRIMAC_HIVE_CSV' })): CatalogTable[] {
  return tables.filter((table) => {
    const problem = unreadableByHive(table, engine);
    if (problem && !warned.has(`${engine}:${table.snapshot.id}:${table.name}`)) {
      warned.add(`${engine}:${table.snapshot.id}:${table.name}`);
      warn(problem);
    }
    return problem === null;
  });
}
