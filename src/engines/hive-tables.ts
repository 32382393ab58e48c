/**
 * What the Hive-connector engines (Trino, Athena) need of a snapshot: they read every file of a table's folder, so
 * a snapshot written with CSV copies beside its Parquet files (`ingest --format both`) cannot be served by them.
 */
import type { CatalogTable } from '../catalog/catalog.ts';
import { PrimacError } from '../core/errors.ts';

export function assertParquetOnly(tables: readonly CatalogTable[], engine: string): void {
  const mixed = tables.filter((t) => t.snapshot.files.some((f) => f.format !== 'parquet'));
  if (mixed.length === 0) return;
  throw new PrimacError('ENGINE_FAILED', `${engine} reads every file in a table's folder, and the current snapshot of ${mixed.map((t) => t.name).join(', ')} holds CSV files beside its Parquet files: ingest those tables again with --format parquet (the default) to serve them with ${engine}, or use QUERY_ENGINE=duckdb.`);
}
