/**
 * API speed per route, over a synthetic lake at scale 1 and 50 (BENCH_SCALES), the server in its own process:
 *   cold: the first answer for a new cache key (cache off: every call computes, as after a new snapshot), p50 of 11
 *   warm: autocannon for BENCH_SECONDS (default 5) with 10 connections: p50, p99, req/s — with the cache, and without
 * One JSON line per route, scale and mode.   npm run bench:api   (BENCH_ROUTES=profile,agent: only those routes)
 * BENCH_ENGINE=trino runs the server on the local Trino (npx primac services start trino); BENCH_MODES=cold skips
 * the autocannon runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import autocannon from 'autocannon';
import { parseConfig, readEnv } from '../src/config/config.ts';
import { ANALYTICS_ROUTES } from '../src/api/routes/analytics-routes.ts';
import { writeSyntheticLake } from '../src/seed/synthetic-lake.ts';
import { projectRoot } from '../src/services/paths.ts';

const PORT = 8790;
const COLD_SAMPLES = 11;
const seconds = Number(process.env.BENCH_SECONDS ?? '5');
const engine = process.env.BENCH_ENGINE ?? 'duckdb';
const modes = (process.env.BENCH_MODES ?? 'cold,warm').split(',');

async function server(lake: string, cache: boolean): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['bin/primac.js', 'serve', '--port', String(PORT)], {
    cwd: projectRoot, stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, LAKE_URI: lake, CATALOG: 'local', QUERY_ENGINE: engine, TRINO_SCHEMA: 'primac_bench', PRIMAC_CACHE: cache ? '1' : '0', LOG_LEVEL: 'warn', RATE_LIMIT: '0', PRIMAC_WARM: '0' },
  });
  for (let i = 0; i < 600; i++) {
    const ok = await fetch(`http://127.0.0.1:${PORT}/health`).then((r) => r.ok, () => false);
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

async function stop(child: ChildProcess) {
  child.kill('SIGTERM');
  await once(child, 'exit');
}

function line(data: Record<string, unknown>) {
  process.stdout.write(`${JSON.stringify(data)}\n`);
}

for (const scale of (process.env.BENCH_SCALES ?? '1,50').split(',').map(Number)) {
  const lake = mkdtempSync(join(tmpdir(), 'primac-bench-api-'));
  try {
    await writeSyntheticLake(parseConfig({ ...readEnv(), LAKE_URI: lake, CATALOG: 'local' }), { scale });
    const only = process.env.BENCH_ROUTES?.split(',');
    const paths = ANALYTICS_ROUTES.map((r) => r.path).filter((p) => !only || only.some((o) => p.includes(o)));
    let child = await server(lake, false);
    for (const path of modes.includes('cold') ? paths : []) {
      const times: number[] = [];
      for (let i = 0; i < COLD_SAMPLES; i++) {
        const started = performance.now();
        const response = await fetch(`http://127.0.0.1:${PORT}${path}`);
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`${path}: ${response.status}`);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      line({ what: 'api', engine, mode: 'cold', route: path, scale, p50_ms: Number(times[(COLD_SAMPLES - 1) / 2]!.toFixed(2)), max_ms: Number(times[COLD_SAMPLES - 1]!.toFixed(2)) });
    }
    for (const [mode, cache] of modes.includes('warm') ? [['warm-nocache', false], ['warm', true]] as const : []) {
      if (cache) {
        await stop(child);
        child = await server(lake, true);
      }
      for (const path of paths) {
        const result = await autocannon({ url: `http://127.0.0.1:${PORT}${path}`, connections: 10, duration: seconds });
        line({ what: 'api', engine, mode, route: path, scale, p50_ms: result.latency.p50, p99_ms: result.latency.p99, req_per_s: Math.round(result.requests.average), errors: result.errors + result.non2xx });
      }
    }
    await stop(child);
  } finally {
    rmSync(lake, { recursive: true, force: true });
  }
}
