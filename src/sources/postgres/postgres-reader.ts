/**
 * Reads a PostgreSQL table into the lake. Fast path: DuckDB's postgres scanner inside this process (no row passes
 * through JavaScript); portable path: COPY … TO STDOUT (FORMAT csv) piped into DuckDB, in ctid ranges within one
 * REPEATABLE READ transaction, so the count and every part see the same snapshot.
 */
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { ColumnSchema } from '../../core/table-model.ts';
import { quoteIdent, quoteString } from '../../lake/parquet/duckdb-types.ts';
import type { PartSink } from '../source.ts';
import type { PostgresTable } from './postgres-introspector.ts';
import { postgresCsvExpression } from './postgres-types.ts';

/** Types the scanner reads exactly (others, e.g. arrays, json, intervals, NUMERIC without typmod, go the portable way). */
const SCANNER_SAFE = new Set(['bool', 'int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'date', 'timestamp', 'timestamptz', 'time', 'uuid', 'bytea', 'text', 'varchar', 'bpchar', 'name']);

export function scannerCanRead(table: PostgresTable, columns: readonly ColumnSchema[]): boolean {
  // The scanner splits a table by its own pages: neither a partitioned table (no pages) nor ONLY a parent.
  return table.family === null && columns.every((c) => SCANNER_SAFE.has(table.udtNames[c.name] ?? '') && c.type.kind !== 'decimal_any');
}

export async function readWithScanner(sink: PartSink, alias: string, table: PostgresTable, columns: readonly ColumnSchema[]): Promise<{ rows: number; count: number }> {
  const name = `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;
  const from = `${alias}.${name}`;
  const select = columns.map((c) => (c.type.kind === 'uuid' || (c.type.kind === 'string' && table.udtNames[c.name] !== 'text') ? `CAST(${quoteIdent(c.name)} AS VARCHAR) AS ${quoteIdent(c.name)}` : quoteIdent(c.name))).join(', ');
  // One DuckDB transaction = one PostgreSQL snapshot for the count and the copy. The count runs on the server
  // (postgres_query, same transaction): through the scanner it would copy every row's tuple out (2.2M rows: 165-366
  // against 70-142 ms).
  await sink.duckdb.run('BEGIN TRANSACTION');
  try {
    const count = Number((await sink.duckdb.runAndReadAll(`SELECT * FROM postgres_query(${quoteString(alias)}, ${quoteString(`SELECT count(*) FROM ${name}`)})`)).getRows()[0]?.[0] ?? 0);
    const rows = await sink.fromQuery(`SELECT ${select} FROM ${from}`);
    await sink.duckdb.run('COMMIT');
    return { rows, count };
  } catch (error) {
    await sink.duckdb.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Pages per COPY so that a part holds about this many rows. */
const ROWS_PER_PART = 1_000_000;

export async function readWithCopy(client: pg.Client, sink: PartSink, table: PostgresTable, columns: readonly ColumnSchema[]): Promise<{ rows: number; count: number }> {
  const from = `${table.family === 'parent' ? 'ONLY ' : ''}${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;
  const select = columns.map((c) => postgresCsvExpression(c.name, c.type, table.udtNames[c.name] ?? '')).join(', ');
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    await client.query("SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL bytea_output = 'hex'");
    const count = Number((await client.query(`SELECT count(*) AS n FROM ${from}`)).rows[0].n);
    const relation = `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;
    const pages = Number((await client.query(`SELECT GREATEST(pg_relation_size($1::regclass) / current_setting('block_size')::int, 1) AS pages`, [relation])).rows[0].pages);
    const perPage = Math.max(count / pages, 1);
    const pagesPerPart = Math.max(1, Math.ceil(ROWS_PER_PART / perPage));
    let rows = 0;
    for (let first = 0; first < pages || first === 0; first += pagesPerPart) {
      const last = first + pagesPerPart;
      // The last range is open-ended: pages added since pg_relation_size was read are still covered.
      const where = last >= pages ? `ctid >= '(${first},0)'::tid` : `ctid >= '(${first},0)'::tid AND ctid < '(${last},0)'::tid`;
      const stream = client.query(copyTo(`COPY (SELECT ${select} FROM ${from} WHERE ${where}) TO STDOUT (FORMAT csv)`));
      rows += await sink.fromCsv(stream);
      if (last >= pages) break;
    }
    await client.query('COMMIT');
    return { rows, count };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
