/**
 * Seeding speed: seconds and rows/s per database at scale 1 and 10 (or BENCH_SCALES="1,10"), each database seeded
 * alone in a fresh process so that its peak RSS is its own. One JSON line per measurement.
 *   npm run bench:seed
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { getConfig } from '../src/config/config.ts';
import { utcMidnight } from '../src/seed/calendar.ts';
import type { SeedSource } from '../src/seed/plan.ts';
import { seed } from '../src/seed/seed.ts';

const [, , mode, sourceArg, scaleArg] = process.argv;

if (mode === '--one') {
  const source = sourceArg as SeedSource;
  const scale = Number(scaleArg);
  const started = performance.now();
  const report = await seed(getConfig(), { scale, seed: 42, shape: 'consistent', until: utcMidnight(Date.now()), loadTime: 0 }, [source]);
  const seconds = (performance.now() - started) / 1000;
  const rows = report.tables.reduce((n, t) => n + t.rows, 0);
  process.stdout.write(`${JSON.stringify({
    what: 'seed', source, scale, rows, seconds: Number(seconds.toFixed(2)), rows_per_s: Math.round(rows / seconds),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`);
} else {
  const scales = (process.env.BENCH_SCALES ?? '1,10').split(',').map(Number);
  for (const scale of scales) {
    for (const source of ['mysql', 'postgres', 'cassandra']) {
      const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--one', source, String(scale)], { stdio: ['ignore', 'inherit', 'inherit'] });
      if (child.status !== 0) process.exitCode = 1;
    }
  }
}
