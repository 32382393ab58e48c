/**
 * The MySQL/MariaDB source (the users service). Rows stream unbuffered (the driver pauses the socket when the lake
 * is slower) as exact text, inside one consistent-snapshot transaction shared with the count: by default straight
 * from the protocol's row packets (mysql-row-text.ts); with PRIMAC_MYSQL_RAW=0 through mysql2's public row stream.
 */
import { createConnection as createCallbackConnection } from 'mysql2';
import mysql from 'mysql2/promise';
import type { MysqlConfig } from '../../config/config.ts';
import type { ColumnSchema, TableSchema } from '../../core/table-model.ts';
import { RFC4180 } from '../../lake/parquet/lake-writer.ts';
import { csvLine, csvStream } from '../csv-parts.ts';
import type { Source } from '../source.ts';
import { MYSQL_ROW_TEXT, MYSQL_TEXT, recycledReadStream, rowTextFeeder } from './mysql-row-text.ts';
import { mysqlError } from './mysql-errors.ts';
import { mysqlLogicalType } from './mysql-types.ts';

const ident = (name: string) => `\`${name.replace(/`/g, '``')}\``;

const GEOMETRY = /^(geometry|point|linestring|polygon|multipoint|multilinestring|multipolygon|geometrycollection|geomcollection)\b/i;

/**
 * SELECT expressions giving each column's exact text: binaries as hex (a BIT(n) as all its ceil(n/8) bytes: HEX
 * drops leading zeros), a FLOAT widened to DOUBLE (the server prints a FLOAT with 6 digits, a DOUBLE with all it
 * needs), spatial values as WKT (not their binary form).
 */
function readExpression(column: ColumnSchema): string {
  const bits = /^bit\((\d+)\)/i.exec(column.nativeType);
  if (bits) return `LPAD(HEX(${ident(column.name)}), ${2 * Math.ceil(Number(bits[1]) / 8)}, '0')`;
  if (column.type.kind === 'binary') return `HEX(${ident(column.name)})`;
  if (column.type.kind === 'float32') return `(${ident(column.name)} + 0e0)`;
  if (GEOMETRY.test(column.nativeType)) return `ST_AsText(${ident(column.name)})`;
  return ident(column.name);
}

export function createMysqlSource(config: MysqlConfig, options: { rowPackets: boolean } = { rowPackets: true }): Source {
  const location = `${config.host}:${config.port}/${config.database}`;
  const secrets = [config.password];
  const settings = {
    host: config.host, port: config.port, user: config.user, password: config.password, database: config.database,
    charset: 'utf8mb4', timezone: 'Z', supportBigNumbers: true, bigNumberStrings: true,
  } as const;
  const connect = () => mysql.createConnection(settings);
  /** For the row-packet path: a socket reading into one recycled buffer (see recycledReadStream). */
  const connectForRows = () => new Promise<mysql.Connection>((resolve, reject) => {
    const socket = recycledReadStream(config.host, config.port);
    const connection = createCallbackConnection({ ...settings, stream: socket.stream });
    socket.attach(connection);
    connection.connect((error) => error ? reject(error) : resolve(connection.promise()));
  });

  return {
    name: 'mysql',
    capabilities: { snapshotReads: true },
    location,
    async discover() {
      const db = await connect().catch((error) => { throw mysqlError(error, { location }, secrets); });
      try {
        const [columns] = await db.query(`
          SELECT c.TABLE_NAME t, c.COLUMN_NAME c, c.DATA_TYPE dt, c.COLUMN_TYPE ct, c.NUMERIC_PRECISION p, c.NUMERIC_SCALE s, c.IS_NULLABLE n, c.COLUMN_KEY k
          FROM information_schema.COLUMNS c JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND BINARY t.TABLE_NAME = BINARY c.TABLE_NAME
          WHERE c.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE' ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION`) as unknown as [Record<string, string | number | null>[]];
        const tables = new Map<string, { columns: ColumnSchema[]; primaryKey: string[] }>();
        for (const r of columns) {
          const entry = tables.get(String(r.t)) ?? { columns: [], primaryKey: [] };
          const info = { dataType: String(r.dt).toLowerCase(), columnType: String(r.ct), precision: r.p === null ? null : Number(r.p), scale: r.s === null ? null : Number(r.s) };
          entry.columns.push({ name: String(r.c), type: mysqlLogicalType(info), nullable: r.n === 'YES', nativeType: String(r.ct) });
          if (r.k === 'PRI') entry.primaryKey.push(String(r.c));
          tables.set(String(r.t), entry);
        }
        return [...tables].map(([name, t]): TableSchema => ({ source: 'mysql', name, columns: t.columns, primaryKey: t.primaryKey }));
      } catch (error) {
        throw mysqlError(error, { location }, secrets);
      } finally {
        await db.end().catch(() => undefined);
      }
    },
    async extract(table, columns, sink) {
      const db = await (options.rowPackets ? connectForRows() : connect()).catch((error) => { throw mysqlError(error, { location, table: table.name }, secrets); });
      const connection = (db as unknown as { connection: import('mysql2').Connection }).connection;
      let finished = false;
      try {
        await db.query("SET SESSION time_zone = '+00:00'");
        await db.query('SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ');
        await db.query('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
        // In the read's snapshot; on the row-packet path, counted while DuckDB writes the last rows.
        const countRows = async () => {
          const [[{ n }]] = await db.query(`SELECT COUNT(*) AS n FROM ${ident(table.name)}`) as unknown as [[{ n: string | number }]];
          return Number(n);
        };
        let counting: Promise<number> | undefined;
        const sql = `SELECT ${columns.map(readExpression).join(', ')} FROM ${ident(table.name)}`;
        let rows: number;
        let path: string;
        if (options.rowPackets) {
          const onReceived = () => { counting ??= countRows(); counting.catch(() => undefined); };
          rows = await sink.fromCsv(rowTextFeeder(connection, sql, columns, onReceived), MYSQL_ROW_TEXT);
          path = 'row packets (mysql2) → text → DuckDB';
        } else {
          counting = countRows();
          await counting;
          const stream = connection.query({ sql, rowsAsArray: true, typeCast: (field: { string(): string | null }) => field.string() }).stream({ highWaterMark: 1000 });
          const lines = (async function* () {
            for await (const row of stream as AsyncIterable<(string | null)[]>) yield csvLine(row);
          })();
          rows = await sink.fromCsv(csvStream(lines), { ...RFC4180, ...MYSQL_TEXT });
          path = 'unbuffered row stream (mysql2) → CSV → DuckDB (PRIMAC_MYSQL_RAW=0)';
        }
        const sourceCount = await (counting ??= countRows());
        await db.query('COMMIT');
        finished = true;
        return { rowsRead: rows, sourceCount, path };
      } catch (error) {
        throw mysqlError(error, { location, table: table.name }, secrets);
      } finally {
        // A result abandoned midway may have left the connection paused: drop it rather than wait for a clean QUIT.
        if (finished) await db.end().catch(() => undefined);
        else connection.destroy();
      }
    },
    async close() {},
  };
}
