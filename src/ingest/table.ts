/**
 * One table through the pipeline: extract (source → Parquet parts in staging) → write (final types, CSV copies,
 * upload) → verify (counts, landed bytes) → commit (catalog switch, retention). A failed attempt removes its own
 * files; a killed one leaves an uncommitted snapshot that the next commit of the table deletes.
 */
import { rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import type { Catalog, SnapshotFile } from '../catalog/catalog.ts';
import { PrimacError } from '../core/errors.ts';
import { catalogName, typeLabel, type ColumnSchema, type TableSchema } from '../core/table-model.ts';
import type { LakeStorage } from '../lake/lake-storage.ts';
import { newSnapshotId, snapshotPrefix, type FileFormat } from '../lake/layout.ts';
import { isLineTooLong, WIDE_ROW_BYTES, type LakeWriter } from '../lake/parquet/lake-writer.ts';
import type { Source } from '../sources/source.ts';
import { commitSnapshot } from './commit.ts';
import { crashPoint } from './crash-points.ts';
import type { TableOutcome } from './record.ts';
import { withRetry } from './retry.ts';
import { stagingSink } from './sink.ts';
import { verifyCounts, verifyLanded } from './verify.ts';
import { finalizeParts } from './write.ts';

export interface IngestContext {
  readonly lake: LakeStorage;
  readonly catalog: Catalog;
  readonly writer: LakeWriter;
  readonly formats: readonly FileFormat[];
  readonly keep: number;
  readonly cache: string;
  /** Staging for lakes that are not local folders. */
  readonly tempRoot: string;
  readonly sensitive: ReadonlySet<string>;
  readonly attempts: number;
  readonly onEvent: (event: Record<string, unknown>) => void;
}

/** Columns that may leave the source: never those listed in SENSITIVE_COLUMNS (source.table.column). */
export function exportedColumns(table: TableSchema, sensitive: ReadonlySet<string>): ColumnSchema[] {
  return table.columns.filter((c) => !sensitive.has(`${table.source}.${table.name}.${c.name}`.toLowerCase()));
}

/** Fewer rows read than the source counted: maybe a row wider than the CSV reader's buffers (read again, wide). */
class ShortRead extends Error {}

async function attempt(ctx: IngestContext, source: Source, table: TableSchema, columns: readonly ColumnSchema[], wideRows: boolean) {
  const started = performance.now();
  const snapshot = newSnapshotId();
  const prefix = snapshotPrefix(source.name, table.name, snapshot);
  const staging = ctx.lake.capabilities.localFiles ? ctx.lake.localPath(prefix) : join(ctx.tempRoot, prefix);
  const duckdb = await ctx.writer.connect();
  try {
    const sink = stagingSink(ctx.writer, duckdb, staging, columns, ctx.cache, wideRows);
    const extracted = await source.extract(table, columns, sink);
    crashPoint('extract');
    // DuckDB's CSV reader drops a row wider than its buffer when it ends the input, without an error.
    if (!wideRows && extracted.rowsRead < extracted.sourceCount) throw new ShortRead();
    // An empty table still gets one (empty) part, so that its schema is readable.
    const written = extracted.columns ?? columns;
    if (sink.parts().length === 0) await sink.fromCsv(Readable.from([]), undefined, written);
    const { files, columns: finalColumns } = await finalizeParts(duckdb, sink.parts(), written, ctx.formats);
    verifyCounts(`${source.name}.${table.name}`, { rowsRead: extracted.rowsRead, sourceCount: extracted.sourceCount, written: files });
    const landed: SnapshotFile[] = [];
    for (const file of files) {
      const key = `${prefix}${basename(file.path)}`;
      landed.push({ key, format: file.format, rows: file.rows, bytes: await ctx.lake.putFile(key, file.path) });
      crashPoint('upload');
    }
    await verifyLanded(ctx.lake, prefix, landed);
    const main = ctx.formats.includes('parquet') ? 'parquet' : 'csv';
    crashPoint('before-commit');
    const committed = await commitSnapshot(ctx.catalog, ctx.lake, {
      name: catalogName(source.name, table.name),
      source: source.name,
      table: table.name,
      columns: finalColumns.map((c) => ({ name: c.name, type: typeLabel(c.type), nullable: c.nullable, nativeType: c.nativeType })),
      snapshot: {
        id: snapshot, committedAt: new Date().toISOString(), location: ctx.lake.locate(prefix),
        rows: extracted.rowsRead, bytes: landed.reduce((n, f) => n + f.bytes, 0), formats: [...ctx.formats], files: landed,
      },
    }, ctx.keep);
    return {
      rows: extracted.rowsRead, bytes: committed.snapshot.bytes, files: landed.filter((f) => f.format === main).length,
      seconds: (performance.now() - started) / 1000, snapshot, path: extracted.path,
    };
  } catch (error) {
    // Best effort: the next successful commit of this table deletes whatever remains.
    await ctx.lake.list(prefix).then((objects) => ctx.lake.delete(objects.map((o) => o.key))).catch(() => undefined);
    if (ctx.lake.capabilities.localFiles) rmSync(staging, { recursive: true, force: true });
    throw error;
  } finally {
    duckdb.closeSync();
    if (!ctx.lake.capabilities.localFiles) rmSync(staging, { recursive: true, force: true });
  }
}

/** Parquet readers (DuckDB, Athena, Trino) match column names without case: "A" and a cannot share a table. */
function checkColumnNames(table: TableSchema, columns: readonly ColumnSchema[]): void {
  const seen = new Map<string, string>();
  for (const c of columns) {
    const twin = seen.get(c.name.toLowerCase());
    if (twin !== undefined) {
      throw new PrimacError('INGEST_FAILED', `${table.source}.${table.name}: the columns ${JSON.stringify(twin)} and ${JSON.stringify(c.name)} differ only in case, which the lake's readers cannot tell apart; rename one of them, or leave one out with SENSITIVE_COLUMNS`);
    }
    seen.set(c.name.toLowerCase(), c.name);
  }
}

export async function ingestTable(ctx: IngestContext, source: Source, table: TableSchema): Promise<TableOutcome> {
  const started = performance.now();
  const columns = exportedColumns(table, ctx.sensitive);
  ctx.onEvent({ event: 'table_started', source: source.name, table: table.name, columns: columns.length });
  try {
    checkColumnNames(table, columns);
    // A row wider than the CSV reader's 2 MB buffers (an error, or a row missing): the table is read again at once
    // with buffers for wide rows.
    const once = (wideRows: boolean): ReturnType<typeof attempt> => attempt(ctx, source, table, columns, wideRows).catch((error: unknown) => {
      if (wideRows || !(error instanceof ShortRead || isLineTooLong(error))) throw error;
      ctx.onEvent({ event: 'table_wide_rows', source: source.name, table: table.name, max_row_bytes: WIDE_ROW_BYTES });
      return once(true);
    });
    const result = await withRetry(() => once(false), {
      attempts: ctx.attempts, baseMs: 1000,
      onRetry: (error, n) => ctx.onEvent({ event: 'table_retry', source: source.name, table: table.name, attempt: n, error: error.message }),
    });
    const outcome: TableOutcome = { source: source.name, table: table.name, status: 'committed', ...result, seconds: (performance.now() - started) / 1000 };
    ctx.onEvent({ event: 'table_committed', ...outcome });
    return outcome;
  } catch (error) {
    const message = (error as Error).message;
    ctx.onEvent({ event: 'table_failed', source: source.name, table: table.name, error: message });
    return { source: source.name, table: table.name, status: 'failed', rows: 0, bytes: 0, files: 0, seconds: (performance.now() - started) / 1000, snapshot: null, path: null, error: message };
  }
}
