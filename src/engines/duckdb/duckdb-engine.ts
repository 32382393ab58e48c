/**
 * The default engine: DuckDB embedded, one view per catalogued table over its current snapshot's Parquet files.
 * In memory and read-only on the lake, so any number of API instances share one lake without lock conflicts.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { CatalogTable } from '../../catalog/catalog.ts';
import type { LakeStorage } from '../../lake/lake-storage.ts';
import { quoteIdent, quoteString } from '../../lake/parquet/duckdb-types.ts';
import { WHITESPACE_CLASS, type Dialect, type QueryEngine, type Row, type TableSnapshot } from '../query-engine.ts';
import { plainValue } from './duckdb-values.ts';
import { snapshotFiles } from './snapshot-files.ts';

export const duckdbDialect: Dialect = {
  isoDayOfWeek: (date) => `isodow(${date})`,
  epochMillis: (ts) => `epoch_ms(${ts})`,
  utcDate: (ts) => `CAST(${ts} AS DATE)`,
  text: (expr) => `CAST(${expr} AS VARCHAR)`,
  trim: (expr) => `regexp_replace(${expr}, '^${WHITESPACE_CLASS}+|${WHITESPACE_CLASS}+$', '', 'g')`,
};

export async function createDuckdbEngine(lake: LakeStorage, options: { cacheFolder?: string; threads?: number } = {}): Promise<QueryEngine> {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(options.threads ?? 2), memory_limit: '1GB' });
  const setup = await instance.connect();
  await setup.run("SET GLOBAL TimeZone = 'UTC'");
  setup.closeSync();
  const cacheFolder = options.cacheFolder ?? join(tmpdir(), `primac-engine-cache-${process.pid}`);
  const served = new Map<string, TableSnapshot>();
  // A small pool: DuckDB runs queries of different connections in parallel.
  const idle: DuckDBConnection[] = [];
  const borrow = async () => idle.pop() ?? instance.connect();

  return {
    kind: 'duckdb',
    dialect: duckdbDialect,
    capabilities: { embedded: true },
    async sync(tables) {
      const connection = await borrow();
      try {
        for (const table of tables) {
          if (served.get(table.name)?.id === table.snapshot.id) continue;
          const files = await snapshotFiles(lake, table, cacheFolder);
          const list = `[${files.map(quoteString).join(', ')}]`;
          await connection.run(`CREATE OR REPLACE VIEW ${quoteIdent(table.name)} AS SELECT * FROM read_parquet(${list}, hive_partitioning = false)`);
          served.set(table.name, { name: table.name, id: table.snapshot.id, committedAt: table.snapshot.committedAt, rows: table.snapshot.rows });
        }
        for (const name of [...served.keys()]) {
          if (!tables.some((t) => t.name === name)) {
            await connection.run(`DROP VIEW IF EXISTS ${quoteIdent(name)}`);
            served.delete(name);
          }
        }
      } finally {
        idle.push(connection);
      }
      return new Map(served);
    },
    async query(sql) {
      const connection = await borrow();
      try {
        const reader = await connection.runAndReadAll(sql);
        const names = reader.columnNames();
        return reader.getRows().map((values) => {
          const row: Row = {};
          values.forEach((v, i) => { row[names[i]!] = plainValue(v); });
          return row;
        });
      } finally {
        idle.push(connection);
      }
    },
    async close() {
      for (const c of idle.splice(0)) c.closeSync();
      instance.closeSync();
    },
  };
}
