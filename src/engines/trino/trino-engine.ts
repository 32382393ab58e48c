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
import { parquetOnly } from '../hive-tables.ts';
import type { QueryEngine, QueryOptions, Row, TableSnapshot } from '../query-engine.ts';
import { trinoDialect } from './trino-dialect.ts';
import { createSnapshotTableSql, quoteIdent, snapshotOfTableName, snapshotTableName, switchViewSql, tableSnapshotKey } from './trino-tables.ts';
import { trinoValue } from './trino-values.ts';

export interface TrinoEngineOptions {
  readonly url: string;
  readonly catalog: string;
  readonly schema: string;
  /** 'register' for a local catalog; 'glue' when Trino's catalog is the same Glue database ingestion commits to. */
  readonly tables: 'register' | 'glue';
  readonly user?: string;
  readonly password?: string;
  /** The longest one query may run; it is cancelled in Trino after that (default 5 minutes). */
  readonly timeoutMs?: number;
}

const MISSING = /^(TABLE_NOT_FOUND|SCHEMA_NOT_FOUND|VIEW_IS_STALE|CATALOG_NOT_FOUND)$/;

/** Trino's failure → a coded error: the query text and Trino's stack stay out of it. */
function queryFailed(error: QueryError): PrimacError {
  const retryable = ['INSUFFICIENT_RESOURCES', 'EXTERNAL'].includes(error.errorType) || /NO_NODES_AVAILABLE|SERVER_STARTING_UP/.test(error.errorName);
  return Object.assign(new PrimacError('ENGINE_FAILED', `Trino failed the query: ${error.errorName}: ${error.message.split('\n')[0]}`, { retryable }), { trinoError: error.errorName });
}

export async function createTrinoEngine(options: TrinoEngineOptions): Promise<QueryEngine> {
  const client = Trino.create({
    server: options.url,
    catalog: options.catalog,
    schema: options.schema,
    source: 'primac-analytics',
    auth: new BasicAuth(options.user ?? 'primac', options.password),
    // Without it Trino rounds timestamp(6) to milliseconds in results.
    extraHeaders: { 'X-Trino-Client-Capabilities': 'PARAMETRIC_DATETIME' },
  });
  const where = new URL(options.url).host;
  const schema = `${quoteIdent(options.catalog)}.${quoteIdent(options.schema)}`;
  const served = new Map<string, TableSnapshot>();
  /** Snapshot ids this engine knows Trino has tables (and a current view) for; cleared when Trino lost them. */
  const registered = new Map<string, string>();
  const unreachable = (error: unknown) => new PrimacError('ENGINE_UNREACHABLE', `Trino at ${where} did not answer (${(error as Error).message}): is it running? (npx primac services start trino)`, { retryable: true });

  async function query(sql: string, queryOptions: QueryOptions = {}): Promise<Row[]> {
    const deadline = AbortSignal.timeout(options.timeoutMs ?? 300_000);
    const signal = queryOptions.signal ? AbortSignal.any([queryOptions.signal, deadline]) : deadline;
    signal.throwIfAborted();
    let queryId: string | undefined;
    // Whoever gives up (the caller, the deadline) also stops the query in Trino.
    const cancel = () => { if (queryId) void client.cancel(queryId).catch(() => undefined); };
    signal.addEventListener('abort', cancel, { once: true });
    try {
      const pages = await client.query(sql).catch((error: unknown) => { throw unreachable(error); });
      let columns: { name: string; type: string }[] | undefined;
      const rows: Row[] = [];
      for (;;) {
        const next = await pages.next().catch((error: unknown) => { throw unreachable(error); });
        if (next.done) break;
        const page = next.value;
        queryId ??= page.id;
        if (signal.aborted) {
          cancel();
          throw signal.reason;
        }
        if (page.error) {
          const failed = queryFailed(page.error);
          // The schema, a table or a view vanished (Trino restarted without its metastore, someone dropped it):
          // register everything again on the next sync.
          if (MISSING.test(page.error.errorName)) registered.clear();
          throw failed;
        }
        columns ??= page.columns;
        for (const values of page.data ?? []) {
          const row: Row = {};
          columns!.forEach((c, i) => { row[c.name] = trinoValue(c.type, values[i]); });
          rows.push(row);
        }
      }
      return rows;
    } finally {
      signal.removeEventListener('abort', cancel);
    }
  }

  /**
   * Several API instances (and `primac doctor`) may share one Trino schema, each following the catalog on its own
   * clock. So: tables are created idempotently, a view never moves back to an older snapshot than the newest one
   * registered, and only snapshot tables older than the catalog's previous snapshot are dropped.
   */
  async function register(tables: readonly CatalogTable[]): Promise<void> {
    const changed = tables.filter((t) => registered.get(t.name) !== t.snapshot.id);
    if (changed.length === 0) return;
    await query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    const existing = (await query(`SHOW TABLES FROM ${schema}`)).map((r) => String(Object.values(r)[0]));
    for (const table of changed) {
      await query(createSnapshotTableSql(schema, table));
      const mine = tableSnapshotKey(table.snapshot.id);
      const others = existing.map((name) => snapshotOfTableName(table.name, name)).filter((key): key is string => key !== null);
      if (!others.some((key) => key > mine)) await query(switchViewSql(schema, table));
      const oldestKept = tableSnapshotKey(table.previous[0] ?? table.snapshot.id);
      for (const key of others) if (key < oldestKept && key !== mine) await query(`DROP TABLE IF EXISTS ${schema}.${quoteIdent(snapshotTableName(table.name, key))}`);
      registered.set(table.name, table.snapshot.id);
    }
  }

  return {
    kind: 'trino',
    dialect: trinoDialect,
    capabilities: { embedded: false },
    async sync(tables) {
      const readable = parquetOnly(tables, 'Trino');
      if (options.tables === 'register') await register(readable);
      served.clear();
      for (const table of readable) served.set(table.name, { name: table.name, id: table.snapshot.id, committedAt: table.snapshot.committedAt, rows: table.snapshot.rows });
      return new Map(served);
    },
    query,
    async close() {},
  };
}
