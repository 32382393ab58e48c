/**
 * The issue's DuckDB anchor, measured beside our ingestion in bench/ingest's own run: DuckDB's postgres or mysql
 * scanner copying a whole table into one Parquet file with DuckDB's defaults, as
 * `duckdb -c "ATTACH '…' AS src (TYPE …); COPY (SELECT * FROM src.t) TO 't.parquet'"` does. It is timed like our run:
 * from before the extension loads to the file written (not Node's start-up). One JSON line: rows, seconds, CPU
 * seconds, peak RSS.
 *   node --import tsx bench/ingest-anchor.ts <postgresql|mysql> <table> <folder>
 */
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { getConfig } from '../src/config/config.ts';
import { loadScanner } from '../src/lake/parquet/duckdb-extensions.ts';
import { quoteIdent, quoteString } from '../src/lake/parquet/duckdb-types.ts';
import { cacheRoot } from '../src/services/paths.ts';

const [, , source, table, folder] = process.argv;
if ((source !== 'postgresql' && source !== 'mysql') || !table || !folder) throw new Error('usage: ingest-anchor.ts <postgresql|mysql> <table> <folder>');
const config = getConfig();

const started = performance.now();
const cpu = process.cpuUsage();
const instance = await DuckDBInstance.create(':memory:');
const duckdb = await instance.connect();
const scanner = await loadScanner(duckdb, source === 'postgresql' ? 'postgres' : 'mysql', cacheRoot());
if (!scanner.ok) throw new Error(`the ${source} scanner is not available: ${scanner.reason}`);
if (source === 'postgresql') {
  const pg = config.postgres!;
  await duckdb.run(`ATTACH ${quoteString(`host=${pg.host} port=${pg.port} dbname=${pg.database} user=${pg.user} password=${pg.password}`)} AS src (TYPE postgres, READ_ONLY)`);
} else {
  const my = config.mysql!;
  await duckdb.run(`ATTACH ${quoteString(`host=${my.host} port=${my.port} database=${my.database} user=${my.user} password=${my.password}`)} AS src (TYPE mysql, READ_ONLY)`);
}
const copied = await duckdb.runAndReadAll(`COPY (SELECT * FROM src.${quoteIdent(table)}) TO ${quoteString(join(folder, `${table}.parquet`))} (FORMAT parquet)`);
const seconds = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpu);
process.stdout.write(`${JSON.stringify({ rows: Number(copied.getRows()[0]?.[0] ?? 0), seconds, cpu_seconds: (used.user + used.system) / 1e6, peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
duckdb.closeSync();
instance.closeSync();
