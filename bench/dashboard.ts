/**
 * Dashboard load time in the system Chromium over a synthetic lake at scale 1 (BENCH_SCALES): the first load after
 * the server starts (right away: its background warm-up is still running) and 5 reloads (cached), until every panel
 * has drawn. One JSON line each. PRIMAC_WARM=0: no warm-up (every route cold on the first load).
 *   npm run bench:dashboard
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildApp } from '../src/api/app.ts';
import { openCatalog } from '../src/catalog/registry.ts';
import { parseConfig } from '../src/config/config.ts';
import { createDuckdbEngine } from '../src/engines/duckdb/duckdb-engine.ts';
import { openLake } from '../src/lake/registry.ts';
import { writeSyntheticLake } from '../src/seed/synthetic-lake.ts';

for (const scale of (process.env.BENCH_SCALES ?? '1').split(',').map(Number)) {
  const folder = mkdtempSync(join(tmpdir(), 'primac-bench-dash-'));
  const config = parseConfig({ LAKE_URI: folder, RATE_LIMIT: '0' });
  await writeSyntheticLake(config, { scale });
  const lake = await openLake(config);
  const engine = await createDuckdbEngine(lake);
  const { app } = await buildApp({ config, lake, catalog: await openCatalog(config, lake), engine, warm: process.env.PRIMAC_WARM !== '0' });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      const started = performance.now();
      await page.goto(`${url}/dashboard`);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
      times.push(performance.now() - started);
    }
    const warm = times.slice(1).sort((a, b) => a - b);
    process.stdout.write(`${JSON.stringify({ what: 'dashboard', scale, first_load_ms: Math.round(times[0]!), warm_p50_ms: Math.round(warm[2]!), warm_max_ms: Math.round(warm[4]!) })}\n`);
  } finally {
    await browser.close();
    await app.close();
    await engine.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
