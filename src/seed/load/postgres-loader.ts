/** Loads the PostgreSQL tables with COPY FROM STDIN (text format), one connection per table, constraints after. */
import { once } from 'node:events';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { PostgresConfig } from '../../config/config.ts';
import { POSTGRES_FOREIGN_KEYS, POSTGRES_TABLES } from '../schemas/postgres.ts';
import type { Plan } from '../plan.ts';
import { tablesOf, type SeedTable } from '../tables.ts';
import { copyTextField } from './format.ts';
import type { TableLoader } from './loader.ts';

const CHUNK_ROWS = 1000;

async function withClient<T>(config: PostgresConfig, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ host: config.host, port: config.port, user: config.user, password: config.password, database: config.database });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function copyTable(client: pg.Client, plan: Plan, table: SeedTable, onRows: (n: number) => void): Promise<number> {
  const names = table.columns.map(([name]) => `"${name}"`).join(', ');
  const stream = client.query(copyFrom(`COPY "${table.name}" (${names}) FROM STDIN`));
  const done = once(stream, 'finish');
  let lines: string[] = [];
  let total = 0;
  const flush = async () => {
    if (!stream.write(`${lines.join('\n')}\n`)) await once(stream, 'drain');
    onRows(lines.length);
    total += lines.length;
    lines = [];
  };
  for (const row of table.rows(plan, 1, table.span(plan))) {
    lines.push(row.map((value, i) => copyTextField(table.columns[i]![1], value)).join('\t'));
    if (lines.length >= CHUNK_ROWS) await flush();
  }
  if (lines.length > 0) await flush();
  stream.end();
  await done;
  return total;
}

export const postgresLoader: TableLoader<PostgresConfig> = {
  source: 'postgres',
  recreateSchema: (config) => withClient(config, async (client) => {
    await client.query(`DROP TABLE IF EXISTS ${Object.keys(POSTGRES_TABLES).reverse().map((t) => `"${t}"`).join(', ')} CASCADE`);
    for (const ddl of Object.values(POSTGRES_TABLES)) await client.query(ddl);
  }),
  load: (config, plan, onRows) => Promise.all(tablesOf('postgres').map((table) => withClient(config, async (client) => ({
    table: table.name, rows: await copyTable(client, plan, table, (n) => onRows(table.name, n)),
  })))),
  finish: (config) => withClient(config, async (client) => {
    for (const statement of POSTGRES_FOREIGN_KEYS) await client.query(statement);
    // Ids were loaded explicitly: move each sequence past them so the service's own inserts keep working.
    for (const table of Object.keys(POSTGRES_TABLES)) {
      await client.query(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), COALESCE(max(id), 1), max(id) IS NOT NULL) FROM "${table}"`);
    }
    await client.query('ANALYZE');
  }),
};
