/** Loads the Cassandra tables with prepared INSERTs executed concurrently (bounded in-flight requests). */
import { Readable } from 'node:stream';
import cassandra from 'cassandra-driver';
import type { CassandraConfig } from '../../config/config.ts';
import { CASSANDRA_TABLES, cassandraKeyspace } from '../schemas/cassandra.ts';
import type { Plan } from '../plan.ts';
import { tablesOf, type Kind, type SeedTable } from '../tables.ts';
import type { TableLoader } from './loader.ts';

const CONCURRENCY = 96;
const { types, concurrent } = cassandra;

function cassandraValue(kind: Kind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'timestamp': return new Date(value as number);
    case 'uuid': return types.Uuid.fromString(value as string);
    case 'decimal': return types.BigDecimal.fromString(value as string);
    default: return value;
  }
}

export function cassandraClient(config: CassandraConfig, keyspace?: string): cassandra.Client {
  return new cassandra.Client({
    contactPoints: [`${config.host}:${config.port}`],
    localDataCenter: config.dataCenter,
    ...(keyspace ? { keyspace } : {}),
    pooling: { coreConnectionsPerHost: { [types.distance.local]: 2 } },
    socketOptions: { readTimeout: 60_000 },
  });
}

async function withClient<T>(config: CassandraConfig, keyspace: string | undefined, work: (client: cassandra.Client) => Promise<T>): Promise<T> {
  const client = cassandraClient(config, keyspace);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.shutdown();
  }
}

async function loadTable(client: cassandra.Client, plan: Plan, table: SeedTable, onRows: (n: number) => void): Promise<number> {
  const names = table.columns.map(([name]) => name);
  const query = `INSERT INTO ${table.name} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
  let total = 0;
  const params = Readable.from((function* () {
    for (const row of table.rows(plan, 1, table.span(plan))) {
      total++;
      if (total % 1000 === 0) onRows(1000);
      yield row.map((value, i) => cassandraValue(table.columns[i]![1], value));
    }
  })());
  await concurrent.executeConcurrent(client, query, params, { concurrencyLevel: CONCURRENCY, raiseOnFirstError: true });
  onRows(total % 1000);
  return total;
}

export const cassandraLoader: TableLoader<CassandraConfig> = {
  source: 'cassandra',
  recreateSchema: (config) => withClient(config, undefined, async (client) => {
    await client.execute(cassandraKeyspace(config.keyspace));
    for (const name of Object.keys(CASSANDRA_TABLES)) await client.execute(`DROP TABLE IF EXISTS "${config.keyspace}".${name}`);
    for (const cql of Object.values(CASSANDRA_TABLES)) await client.execute(cql.replace('CREATE TABLE ', `CREATE TABLE "${config.keyspace}".`));
  }),
  load: (config, plan, onRows) => withClient(config, config.keyspace, (client) =>
    Promise.all(tablesOf('cassandra').map(async (table) => ({ table: table.name, rows: await loadTable(client, plan, table, (n) => onRows(table.name, n)) })))),
  async finish() {},
};
