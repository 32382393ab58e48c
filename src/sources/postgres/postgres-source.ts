/** The PostgreSQL source (the policies service). */
import pg from 'pg';
import type { PostgresConfig } from '../../config/config.ts';
import { loadScanner } from '../../lake/parquet/duckdb-extensions.ts';
import { quoteString } from '../../lake/parquet/duckdb-types.ts';
import type { Source } from '../source.ts';
import { postgresError } from './postgres-errors.ts';
import { discoverPostgres, type PostgresTable } from './postgres-introspector.ts';
import { readWithCopy, readWithScanner, scannerCanRead } from './postgres-reader.ts';

const ALIAS = 'pg_source';
const libpq = (key: string, value: string | number) => `${key}=${quoteString(String(value)).replace(/\\/g, '\\\\')}`;

export function createPostgresSource(config: PostgresConfig, options: { scanner: boolean } = { scanner: true }): Source {
  const location = `${config.host}:${config.port}/${config.database}`;
  const secrets = [config.password];
  // One ATTACH per run (the writer's DuckDB instance), shared by the tables read in parallel.
  let attaching: Promise<void> | null = null;
  const connect = async () => {
    const client = new pg.Client({ host: config.host, port: config.port, user: config.user, password: config.password, database: config.database, application_name: 'primac-ingest' });
    // A dropped connection also fails the query in flight; without a listener it would crash the process.
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (error) {
      throw postgresError(error, { location }, secrets);
    }
    return client;
  };

  return {
    name: 'postgresql',
    capabilities: { snapshotReads: true },
    location,
    async discover() {
      const client = await connect();
      try {
        return await discoverPostgres(client);
      } catch (error) {
        throw postgresError(error, { location }, secrets);
      } finally {
        await client.end();
      }
    },
    async extract(table, columns, sink) {
      const pgTable = table as PostgresTable;
      try {
        let why = !options.scanner ? 'scanner disabled' : pgTable.family === 'partitioned' ? 'a partitioned table' : pgTable.family === 'parent' ? 'a parent by inheritance, read ONLY' : 'column types the scanner cannot read exactly';
        if (options.scanner && scannerCanRead(pgTable, columns)) {
          const scanner = await loadScanner(sink.duckdb, 'postgres', sink.cache);
          if (scanner.ok) {
            const dsn = [libpq('host', config.host), libpq('port', config.port), libpq('dbname', config.database), libpq('user', config.user), libpq('password', config.password)].join(' ');
            // A failed ATTACH is forgotten, so that the table's retry attaches again.
            attaching ??= sink.duckdb.run(`ATTACH IF NOT EXISTS ${quoteString(dsn)} AS ${ALIAS} (TYPE postgres, READ_ONLY)`).then(() => undefined, (error: unknown) => {
              attaching = null;
              throw error;
            });
            await attaching;
            const { rows, count } = await readWithScanner(sink, ALIAS, pgTable, columns);
            return { rowsRead: rows, sourceCount: count, path: `duckdb postgres scanner (${scanner.origin})` };
          }
          why = `scanner unavailable: ${scanner.reason}`;
        }
        const client = await connect();
        try {
          const { rows, count } = await readWithCopy(client, sink, pgTable, columns);
          return { rowsRead: rows, sourceCount: count, path: `COPY csv → DuckDB (${why})` };
        } finally {
          await client.end().catch(() => undefined);
        }
      } catch (error) {
        throw postgresError(error, { location, table: table.name }, secrets);
      }
    },
    async close() {},
  };
}
