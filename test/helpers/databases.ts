/** Direct clients of the three source databases, for tests that check what was loaded. */
import { createHash } from 'node:crypto';
import cassandra from 'cassandra-driver';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { config } from './servers.ts';

// DATE as its text (YYYY-MM-DD), never shifted by the process time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

export async function withMysql<T>(work: (db: mysql.Connection) => Promise<T>): Promise<T> {
  const c = config.mysql!;
  const db = await mysql.createConnection({ host: c.host, port: c.port, user: c.user, password: c.password, database: c.database, timezone: 'Z', dateStrings: true, supportBigNumbers: true, bigNumberStrings: true });
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

export async function withPostgres<T>(work: (db: pg.Client) => Promise<T>): Promise<T> {
  const c = config.postgres!;
  const db = new pg.Client({ host: c.host, port: c.port, user: c.user, password: c.password, database: c.database });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

export async function withCassandra<T>(work: (db: cassandra.Client) => Promise<T>): Promise<T> {
  const c = config.cassandra!;
  const db = new cassandra.Client({ contactPoints: [`${c.host}:${c.port}`], localDataCenter: c.dataCenter, keyspace: c.keyspace });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.shutdown();
  }
}

/** Every row of a Cassandra table, paged, as plain objects of strings (order-independent comparison). */
export async function cassandraRows(db: cassandra.Client, table: string): Promise<Record<string, string | null>[]> {
  const rows: Record<string, string | null>[] = [];
  let pageState: string | undefined;
  do {
    const result = await db.execute(`SELECT * FROM ${table}`, [], { fetchSize: 5000, pageState, prepare: true });
    for (const row of result.rows) {
      const plain: Record<string, string | null> = {};
      for (const key of Object.keys(row)) {
        const value = row[key];
        plain[key] = value === null ? null : value instanceof Date ? value.toISOString() : String(value);
      }
      rows.push(plain);
    }
    pageState = result.pageState ?? undefined;
  } while (pageState);
  return rows;
}

export function digest(rows: readonly unknown[]): string {
  const hash = createHash('sha256');
  for (const row of rows) hash.update(`${JSON.stringify(row)}\n`);
  return hash.digest('hex');
}
