/**
 * QUERY_ENGINE=trino: the analytics SQL in the Trino dialect, run by a Trino cluster through its Hive connector on
 * the same Parquet lake. Two ways to find the tables:
 *  - a local catalog: this engine registers each table's current snapshot in Trino (an external table per
 *    snapshot, a view switched to the newest: trino-tables.ts);
 *  - the Glue catalog: Trino's Hive catalog reads the same Glue database (the Athena layout), where ingestion
 *    already points each table at its current snapshot; nothing is registered.
 */
import { BasicAuth, Trino, type QueryError } from 'trino-client';
import type { CatalogTable } from '../../catalog/catalog.ts';
import { PrimacError } from '../../core/errors.ts';
import { assertParquetOnly } from '../hive-tables.ts';
import type { QueryEngine, Row, TableSnapshot } from '../query-engine.ts';
import { trinoDialect } from './trino-dialect.ts';
import { createSnapshotTableSql, quoteIdent, snapshotTableName, switchViewSql } from './trino-tables.ts';
import { trinoValue } from './trino-values.ts';

export interface TrinoEngineOptions {
  readonly url: string;
  readonly catalog: string;
  readonly schema: string;
  /** 'register' for a local catalog; 'glue' when Trino's catalog is the same Glue database ingestion commits to. */
  readonly tables: 'register' | 'glue';
  readonly user?: string;
}

/** Trino's failure → a coded error: the query text and Trino's stack stay out of it. */
function queryFailed(error: QueryError): PrimacError {
  const retryable = ['INSUFFICIENT_RESOURCES', 'EXTERNAL'].includes(error.errorType) || /NO_NODES_AVAILABLE|SERVER_STARTING_UP/.test(error.errorName);
  return new PrimacError('ENGINE_FAILED', `Trino failed the query: ${error.errorName}: ${error.message.split('\n')[0]}`, { retryable });
}

export async function createTrinoEngine(options: TrinoEngineOptions): Promise<QueryEngine> {
  const client = Trino.create({
    server: options.url,
    catalog: options.catalog,
    schema: options.schema,
    source: 'primac-analytics',
    auth: new BasicAuth(options.user ?? 'primac'),
    // Without it Trino rounds timestamp(6) to milliseconds in results.
    extraHeaders: { 'X-Trino-Client-Capabilities': 'PARAMETRIC_DATETIME' },
  });
  const schema = `${quoteIdent(options.catalog)}.${quoteIdent(options.schema)}`;
  const served = new Map<string, TableSnapshot>();

  async function query(sql: string): Promise<Row[]> {
    let pages;
    try {
      pages = await client.query(sql);
    } catch (error) {
      throw new PrimacError('ENGINE_UNREACHABLE', `Trino at ${new URL(options.url).host} did not answer (${(error as Error).message}): is it running? (npx primac services start trino)`, { retryable: true });
    }
    let columns: { name: string; type: string }[] | undefined;
    const rows: Row[] = [];
    for await (const page of pages) {
      if (page.error) throw queryFailed(page.error);
      columns ??= page.columns;
      for (const values of page.data ?? []) {
        const row: Row = {};
        columns!.forEach((c, i) => { row[c.name] = trinoValue(c.type, values[i]); });
        rows.push(row);
      }
    }
    return rows;
  }

  async function register(tables: readonly CatalogTable[]): Promise<void> {
    const changed = tables.filter((t) => served.get(t.name)?.id !== t.snapshot.id);
    if (changed.length === 0) return;
    await query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    for (const table of changed) {
      await query(createSnapshotTableSql(schema, table));
      await query(switchViewSql(schema, table));
    }
    // Snapshot tables older than the one served before this switch go (queries still on it finish first).
    const keep = new Set(tables.flatMap((t) => [t.snapshot.id, served.get(t.name)?.id].flatMap((id) => (id ? [snapshotTableName(t.name, id)] : []))));
    const existing = await query(`SHOW TABLES FROM ${schema}`);
    for (const name of existing.map((r) => String(r.Table ?? Object.values(r)[0]))) {
      const owner = changed.find((t) => name.startsWith(`${t.name}__`));
      if (owner && !keep.has(name)) await query(`DROP TABLE IF EXISTS ${schema}.${quoteIdent(name)}`);
    }
  }

  return {
    kind: 'trino',
    dialect: trinoDialect,
    capabilities: { embedded: false },
    async sync(tables) {
      assertParquetOnly(tables, 'Trino');
      if (options.tables === 'register') await register(tables);
      for (const table of tables) served.set(table.name, { name: table.name, id: table.snapshot.id, committedAt: table.snapshot.committedAt, rows: table.snapshot.rows });
      for (const name of [...served.keys()]) if (!tables.some((t) => t.name === name)) served.delete(name);
      return new Map(served);
    },
    query,
    async close() {},
  };
}
