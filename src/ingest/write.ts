/**
 * The write stage's second half: settle the final column types (a decimal of any scale gets the narrowest DECIMAL
 * that keeps every stored digit), add CSV copies when asked, and count the rows of every file written.
 */
import { renameSync, rmSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnSchema, LogicalType } from '../core/table-model.ts';
import type { FileFormat } from '../lake/layout.ts';
import { quoteIdent, quoteString } from '../lake/parquet/duckdb-types.ts';
import { PARQUET_OPTIONS } from '../lake/parquet/lake-writer.ts';

export interface WrittenFile { readonly path: string; readonly format: FileFormat; readonly rows: number }

/**
 * Parts live under `…/snapshot=<id>/`: without hive_partitioning = false, DuckDB would read that folder name as a
 * column, adding `snapshot` to every file written from a part and overwriting a source column of that name.
 */
const readParts = (files: readonly string[]) => `read_parquet([${files.map(quoteString).join(', ')}], hive_partitioning = false)`;

/**
 * DECIMAL(38, s) with s = the largest scale stored, when every value fits; otherwise the exact text (also when a
 * value is not a number: PostgreSQL's NaN and ±Infinity).
 */
async function settleDecimal(duckdb: DuckDBConnection, parts: readonly string[], column: string): Promise<LogicalType> {
  const id = quoteIdent(column);
  const stats = await duckdb.runAndReadAll(`
    SELECT max(CASE WHEN strpos(v, '.') > 0 THEN length(v) - strpos(v, '.') ELSE 0 END) AS scale,
           max(length(ltrim(split_part(ltrim(v, '-'), '.', 1), '0'))) AS digits,
           count(*) FILTER (WHERE NOT regexp_full_match(v, '-?[0-9]*[.]?[0-9]*')) AS others
    FROM (SELECT ${id} AS v FROM ${readParts(parts)} WHERE ${id} IS NOT NULL)`);
  const [scale, digits, others] = (stats.getRows()[0] ?? [null, null, null]).map((v) => (v === null ? 0 : Number(v)));
  if (others! > 0 || digits! + scale! > 38) return { kind: 'string' };
  return { kind: 'decimal', precision: 38, scale: scale! };
}

export async function finalizeParts(duckdb: DuckDBConnection, parts: readonly string[], columns: readonly ColumnSchema[], formats: readonly FileFormat[]): Promise<{ files: WrittenFile[]; columns: ColumnSchema[] }> {
  const settled: ColumnSchema[] = [];
  for (const column of columns) {
    settled.push(column.type.kind === 'decimal_any' && parts.length > 0 ? { ...column, type: await settleDecimal(duckdb, parts, column.name) } : column);
  }
  const casts = settled.filter((c, i) => columns[i]!.type.kind === 'decimal_any' && c.type.kind === 'decimal');
  if (casts.length > 0) {
    const replace = casts.map((c) => `CAST(${quoteIdent(c.name)} AS DECIMAL(38,${(c.type as { scale: number }).scale})) AS ${quoteIdent(c.name)}`).join(', ');
    for (const part of parts) {
      const temp = `${part}.settled`;
      await duckdb.run(`COPY (SELECT * REPLACE (${replace}) FROM ${readParts([part])}) TO ${quoteString(temp)} (${PARQUET_OPTIONS})`);
      renameSync(temp, part);
    }
  }
  const files: WrittenFile[] = [];
  for (const part of parts) {
    const rows = Number((await duckdb.runAndReadAll(`SELECT count(*) FROM ${readParts([part])}`)).getRows()[0]?.[0] ?? 0);
    if (formats.includes('parquet')) files.push({ path: part, format: 'parquet', rows });
    if (formats.includes('csv')) {
      const csv = part.replace(/\.parquet$/, '.csv');
      const written = await duckdb.runAndReadAll(`COPY (SELECT * FROM ${readParts([part])}) TO ${quoteString(csv)} (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"')`);
      files.push({ path: csv, format: 'csv', rows: Number(written.getRows()[0]?.[0] ?? 0) });
    }
    if (!formats.includes('parquet')) rmSync(part);
  }
  return { files, columns: settled };
}
