/**
 * Ingestion speed and memory per table, beside the raw floor measured in the same run:
 *   PostgreSQL: psql COPY (…) TO STDOUT (FORMAT binary) into /dev/null;  MariaDB: mariadb --quick SELECT into /dev/null;
 *   Cassandra: the Node driver's plain paged read.
 * Each ingestion runs in its own process (peak RSS and CPU seconds are that process's: Node and DuckDB, not the
 * database server's). One JSON line per table and scale: `seconds` is the whole run (loading the driver, discovering
 * the source, locking the lake, the table, the run record); `table_seconds` is the table's own time as the run's
 * summary reports it (connect, count, read, write, verify, commit); `ratio_to_floor` and `table_ratio_to_floor`
 * divide the floor's time by each.
 * For MariaDB and PostgreSQL the anchors run in the same rounds, each copying the table to Parquet: `duckdb`,
 * DuckDB's own scanner (bench/ingest-anchor.ts); `dlt`, dlt's connectorx backend in streaming mode; `connectorx`,
 * connectorx alone into pyarrow (bench/anchors/python_anchor.py, in a virtualenv made from
 * bench/anchors/requirements.txt under .services/bench-anchors on first use). Each gives `anchors.<name>`:
 * seconds, ratio_to_floor, cpu_seconds, peak_rss_mb.
 *   npm run bench:ingest     # BENCH_SCALES=1,55 (≈ 10.5M rows at 55); BENCH_REPEATS=3 (best of); BENCH_SKIP_SEED=1 reuses the data;
 *                            # BENCH_ANCHORS=duckdb,dlt,connectorx (the default; 0 for none);
 *                            # BENCH_TABLES=mysql.clients,postgresql.policy measures only those tables
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import cassandra from 'cassandra-driver';
import { getConfig, parseConfig, readEnv } from '../src/config/config.ts';
import { runIngestion } from '../src/ingest/run.ts';
import { utcMidnight } from '../src/seed/calendar.ts';
import { seed } from '../src/seed/seed.ts';
import { projectRoot } from '../src/services/paths.ts';
import { SEED_TABLES } from '../src/seed/tables.ts';

/** The Node flags `primac` runs with (bin/primac.js's first line): each table is measured as the CLI runs it. */
const CLI_NODE_FLAGS = readFileSync(join(projectRoot, 'bin', 'primac.js'), 'utf8').split('\n')[0]!.split(/\s+/).filter((w) => w.startsWith('--'));
const REPEATS = Number(process.env.BENCH_REPEATS ?? '3');
const ANCHOR_NAMES = ['duckdb', 'dlt', 'connectorx'] as const;
type AnchorName = (typeof ANCHOR_NAMES)[number];
const ANCHORS = (process.env.BENCH_ANCHORS ?? ANCHOR_NAMES.join(',')).split(',').map((a) => a.trim()).filter((a) => a !== '' && a !== '0');
for (const a of ANCHORS) if (!(ANCHOR_NAMES as readonly string[]).includes(a)) throw new Error(`BENCH_ANCHORS lists "${a}"; allowed: ${ANCHOR_NAMES.join(', ')}, or 0 for none`);
if (!Number.isInteger(REPEATS) || REPEATS < 1) throw new Error(`BENCH_REPEATS must be a whole number ≥ 1, not "${process.env.BENCH_REPEATS}"`);
const SOURCE = { mysql: 'mysql', postgres: 'postgresql', cassandra: 'cassandra' } as const;
const TABLES = process.env.BENCH_TABLES ? process.env.BENCH_TABLES.split(',').map((t) => t.trim()) : null;
const KNOWN_TABLES = SEED_TABLES.map((t) => `${SOURCE[t.source]}.${t.name}`);
for (const t of TABLES ?? []) if (!KNOWN_TABLES.includes(t)) throw new Error(`BENCH_TABLES lists "${t}"; allowed: ${KNOWN_TABLES.join(', ')}`);
const [, , mode, sourceArg, tableArg, lakeArg] = process.argv;

async function ingestOne(source: 'mysql' | 'postgresql' | 'cassandra', table: string, lake: string) {
  const config = parseConfig({ ...readEnv(), LAKE_URI: lake, CATALOG: 'local' });
  const started = performance.now();
  const cpu = process.cpuUsage();
  const record = await runIngestion(config, { only: [source], tables: [table], formats: ['parquet'], keep: 1, parallel: 1, attempts: 1 });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const t = record.tables[0]!;
  process.stdout.write(`${JSON.stringify({ rows: t.rows, seconds, table_seconds: t.seconds, parquet_bytes: t.bytes, cpu_seconds: (used.user + used.system) / 1e6, path: t.path, status: t.status, peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
}

/** Runs a bench child (Node with `flags` and tsx, or `command` itself) with a fresh lake folder; its last JSON line. */
function child<T>(flags: string[] | { command: string }, script: string, args: string[]): T {
  const lake = mkdtempSync(join(tmpdir(), 'primac-bench-lake-'));
  try {
    const [command, before] = Array.isArray(flags) ? [process.execPath, [...flags, '--import', 'tsx']] : [flags.command, []];
    const run = spawnSync(command, [...before, script, ...args, lake], { encoding: 'utf8', env: { ...process.env, UV_THREADPOOL_SIZE: '32' } });
    if (run.status !== 0) throw new Error(run.stderr);
    return JSON.parse(run.stdout.trim().split('\n').pop()!) as T;
  } finally {
    rmSync(lake, { recursive: true, force: true });
  }
}

function timed(work: () => void): number {
  const started = performance.now();
  work();
  return (performance.now() - started) / 1000;
}

async function floor(source: string, table: string): Promise<number> {
  const config = getConfig();
  if (source === 'postgresql') {
    const pg = config.postgres!;
    return timed(() => execFileSync('psql', ['-X', '-q', '-h', pg.host, '-p', String(pg.port), '-U', pg.user, '-d', pg.database, '-c', `COPY (SELECT * FROM "${table}") TO STDOUT (FORMAT binary)`], { env: { ...process.env, PGPASSWORD: pg.password }, stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30 }));
  }
  if (source === 'mysql') {
    const my = config.mysql!;
    return timed(() => execFileSync('mariadb', ['--no-defaults', '--quick', '--batch', '-h', my.host, '-P', String(my.port), '-u', my.user, `-p${my.password}`, my.database, '-e', `SELECT * FROM \`${table}\``], { stdio: ['ignore', 'ignore', 'inherit'] }));
  }
  const cs = config.cassandra!;
  const client = new cassandra.Client({ contactPoints: [`${cs.host}:${cs.port}`], localDataCenter: cs.dataCenter, keyspace: cs.keyspace, socketOptions: { readTimeout: 120_000 } });
  await client.connect();
  const started = performance.now();
  let pageState: string | undefined;
  do {
    const page = await client.execute(`SELECT * FROM "${table}"`, [], { fetchSize: 5000, pageState, prepare: true });
    pageState = page.pageState ?? undefined;
  } while (pageState);
  const seconds = (performance.now() - started) / 1000;
  await client.shutdown();
  return seconds;
}

interface AnchorRun { rows: number; seconds: number; cpu_seconds: number; peak_rss_mb: number }

let interpreter: string | undefined;

/** The Python anchors' interpreter: a virtualenv made once from bench/anchors/requirements.txt (pinned). */
function anchorPython(): string {
  interpreter ??= preparedPython();
  return interpreter;
}

function preparedPython(): string {
  const folder = join(projectRoot, '.services', 'bench-anchors');
  const python = join(folder, 'bin', 'python');
  const requirements = readFileSync(join(projectRoot, 'bench', 'anchors', 'requirements.txt'), 'utf8');
  const installed = join(folder, 'installed-requirements.txt');
  if (existsSync(installed) && readFileSync(installed, 'utf8') === requirements) return python;
  process.stderr.write(`setting up the Python anchors in ${folder} (python3 -m venv; pip install -r bench/anchors/requirements.txt)\n`);
  rmSync(folder, { recursive: true, force: true });
  execFileSync('python3', ['-m', 'venv', folder], { stdio: 'inherit' });
  execFileSync(python, ['-m', 'pip', 'install', '--quiet', '-r', join(projectRoot, 'bench', 'anchors', 'requirements.txt')], { stdio: 'inherit' });
  writeFileSync(installed, requirements);
  return python;
}

function runAnchor(name: AnchorName, source: string, table: string): AnchorRun {
  if (name === 'duckdb') return child([], join(projectRoot, 'bench', 'ingest-anchor.ts'), [source, table]);
  return child({ command: anchorPython() }, join(projectRoot, 'bench', 'anchors', 'python_anchor.py'), [name, source, table]);
}

/** An anchor's best run; its row count must be ours (it reads every column, we leave out sensitive ones). */
function anchorFigures(name: AnchorName, runs: AnchorRun[], rows: number, floorSeconds: number) {
  const best = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  if (runs.some((a) => a.rows !== rows)) throw new Error(`the ${name} anchor copied ${runs.map((a) => a.rows).join('/')} rows, not ${rows}`);
  return {
    seconds: Number(best.seconds.toFixed(3)), ratio_to_floor: Number((floorSeconds / best.seconds).toFixed(2)),
    cpu_seconds: Number(best.cpu_seconds.toFixed(2)), peak_rss_mb: Math.max(...runs.map((a) => a.peak_rss_mb)),
  };
}

if (mode === '--one') {
  await ingestOne(sourceArg as 'mysql', tableArg!, lakeArg!);
} else {
  const scales = (process.env.BENCH_SCALES ?? '1,55').split(',').map(Number);
  for (const scale of scales) {
    if (process.env.BENCH_SKIP_SEED !== '1') {
      await seed(getConfig(), { scale, seed: 42, shape: 'consistent', until: utcMidnight(Date.now()), loadTime: 0 }, ['mysql', 'postgres', 'cassandra']);
    }
    for (const t of SEED_TABLES) {
      const source = SOURCE[t.source];
      if (TABLES && !TABLES.includes(`${source}.${t.name}`)) continue;
      // Best of REPEATS (as the anchors were measured), floor and ingestion alternating: the fastest floor,
      // the fastest run (its seconds, CPU and path), the shortest table time of any run; peak RSS is the highest.
      const floors: number[] = [];
      const runs: { rows: number; seconds: number; table_seconds: number; parquet_bytes: number; cpu_seconds: number; peak_rss_mb: number; path: string }[] = [];
      const anchorNames = source === 'cassandra' ? [] : ANCHORS as AnchorName[];
      const anchors = new Map<AnchorName, AnchorRun[]>(anchorNames.map((a) => [a, []]));
      for (let i = 0; i < REPEATS; i++) {
        floors.push(await floor(source, t.name));
        runs.push(child(CLI_NODE_FLAGS, fileURLToPath(import.meta.url), ['--one', source, t.name]));
        for (const name of anchorNames) anchors.get(name)!.push(runAnchor(name, source, t.name));
      }
      const floorSeconds = Math.min(...floors);
      const best = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
      const tableSeconds = Math.min(...runs.map((r) => r.table_seconds));
      process.stdout.write(`${JSON.stringify({
        what: 'ingest', source, table: t.name, scale, rows: best.rows, repeats: REPEATS, seconds: Number(best.seconds.toFixed(3)), rows_per_s: Math.round(best.rows / best.seconds),
        floor_seconds: Number(floorSeconds.toFixed(3)), floor_rows_per_s: Math.round(best.rows / floorSeconds), ratio_to_floor: Number((floorSeconds / best.seconds).toFixed(2)),
        table_seconds: Number(tableSeconds.toFixed(3)), table_ratio_to_floor: Number((floorSeconds / tableSeconds).toFixed(2)), cpu_seconds: Number(best.cpu_seconds.toFixed(2)),
        peak_rss_mb: Math.max(...runs.map((r) => r.peak_rss_mb)), parquet_mb: Number((best.parquet_bytes / 1e6).toFixed(1)), path: best.path,
        ...(anchorNames.length > 0 ? { anchors: Object.fromEntries(anchorNames.map((a) => [a, anchorFigures(a, anchors.get(a)!, best.rows, floorSeconds)])) } : {}),
      })}\n`);
    }
  }
}
