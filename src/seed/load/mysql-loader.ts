/** Loads the MySQL tables: multi-row INSERTs on one connection per table, foreign keys added afterwards. */
import mysql from 'mysql2/promise';
import { withRetry } from '../../ingest/retry.ts';
import { mysqlError } from '../../sources/mysql/mysql-errors.ts';
import type { MysqlConfig } from '../../config/config.ts';
import { MYSQL_FOREIGN_KEYS, MYSQL_TABLES } from '../schemas/mysql.ts';
import type { Plan } from '../plan.ts';
import { tablesOf, type SeedTable } from '../tables.ts';
import { mysqlValue } from './format.ts';
import type { TableLoader } from './loader.ts';

const BATCH_ROWS = 2000;

/** One connection; a transient refusal (seen: ECONNRESET when several handshakes arrive at once) is retried. */
function connect(config: MysqlConfig) {
  const open = () => mysql.createConnection({
    host: config.host, port: config.port, user: config.user, password: config.password, database: config.database,
    timezone: 'Z', multipleStatements: false, charset: 'utf8mb4',
  }).catch((error: unknown) => {
    throw mysqlError(error, { location: `${config.host}:${config.port}/${config.database}` }, [config.password]);
  });
  return withRetry(open, { attempts: 4, baseMs: 250 });
}

async function loadTable(config: MysqlConfig, plan: Plan, table: SeedTable, onRows: (n: number) => void): Promise<number> {
  const connection = await connect(config);
  try {
    await connection.query('SET foreign_key_checks = 0, unique_checks = 0');
    const names = table.columns.map(([name]) => `\`${name}\``).join(', ');
    const sql = `INSERT INTO \`${table.name}\` (${names}) VALUES ?`;
    let batch: unknown[][] = [];
    let total = 0;
    const flush = async () => {
      await connection.query(sql, [batch]);
      onRows(batch.length);
      total += batch.length;
      batch = [];
    };
    await connection.beginTransaction();
    for (const row of table.rows(plan, 1, table.span(plan))) {
      batch.push(row.map((value, i) => mysqlValue(table.columns[i]![1], value)));
      if (batch.length >= BATCH_ROWS) await flush();
    }
    if (batch.length > 0) await flush();
    await connection.commit();
    return total;
  } finally {
    await connection.end();
  }
}

export const mysqlLoader: TableLoader<MysqlConfig> = {
  source: 'mysql',
  async recreateSchema(config) {
    const connection = await connect(config);
    try {
      await connection.query('SET foreign_key_checks = 0');
      for (const name of Object.keys(MYSQL_TABLES).reverse()) await connection.query(`DROP TABLE IF EXISTS \`${name}\``);
      for (const ddl of Object.values(MYSQL_TABLES)) await connection.query(ddl);
    } finally {
      await connection.end();
    }
  },
  load: (config, plan, onRows) => Promise.all(tablesOf('mysql').map(async (table) => ({ table: table.name, rows: await loadTable(config, plan, table, (n) => onRows(table.name, n)) }))),
  async finish(config) {
    const connection = await connect(config);
    try {
      for (const statement of MYSQL_FOREIGN_KEYS) await connection.query(statement);
      await connection.query(`ANALYZE TABLE ${Object.keys(MYSQL_TABLES).map((t) => `\`${t}\``).join(', ')}`);
    } finally {
      await connection.end();
    }
  },
};
