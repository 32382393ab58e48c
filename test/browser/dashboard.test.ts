/**
 * The dashboard in a real browser (the system Chromium through playwright-core): every panel shows the API's
 * numbers, missing data shows a message instead of a blank page, and a phone-sized screen does not overflow.
 * Saves docs/dashboard.png (shown by the README).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Browser } from 'playwright-core';
import { buildApp } from '../../src/api/app.ts';
import { openCatalog } from '../../src/catalog/registry.ts';
import { parseConfig } from '../../src/config/config.ts';
import { createDuckdbEngine } from '../../src/engines/duckdb/duckdb-engine.ts';
import { openLake } from '../../src/lake/registry.ts';
import { writeSyntheticLake } from '../../src/seed/synthetic-lake.ts';
import { projectRoot } from '../../src/services/paths.ts';

const CHROMIUM = '/usr/bin/chromium';
const missing = existsSync(CHROMIUM) ? null : `${CHROMIUM} is not installed (npx primac services start chromium)`;
if (missing && process.env.CI === 'true') throw new Error(`CI=true and ${missing}`);

async function serve(lakeFolder: string, withData: boolean) {
  const config = parseConfig({ LAKE_URI: lakeFolder, CATALOG: 'local' });
  if (withData) await writeSyntheticLake(config, { scale: 0.05, until: Date.parse('2026-06-01T00:00:00Z') });
  const lake = await openLake(config);
  const engine = await createDuckdbEngine(lake);
  const { app } = await buildApp({ config, lake, catalog: await openCatalog(config, lake), engine });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: async () => { await app.close(); await engine.close(); } };
}

/** What each panel must show, derived from the API's JSON here, independently of the page's code. */
const EXPECTED: Record<string, [string, (b: any) => unknown[]]> = {
  'users-by-state': ['/mysql/analytics/users', (b) => b.users_by_state.map((s: any) => [s.state, s.users])],
  'monthly-registrations': ['/mysql/analytics/users', (b) => b.monthly_registrations.map((m: any) => [m.month, m.users])],
  'growth-by-state': ['/mysql/analytics/growth-by-state?months=12', (b) => b.by_state.slice(0, 5).map((s: any) => [s.state, s.new_users])],
  'policies-per-product': ['/postgresql/analytics/products', (b) => b.policies_per_product.map((p: any) => [p.code, p.policies])],
  'written-premium': ['/postgresql/analytics/product-profitability', (b) => b.products.map((p: any) => [p.code, p.written_premium])],
  'claims-by-status': ['/cassandra/analytics/claims', (b) => b.claims_by_status.map((s: any) => [s.estado, s.claims])],
  'claims-by-month': ['/cassandra/analytics/claims', (b) => b.monthly.map((m: any) => [m.month, m.claims])],
  'claims-vs-payments': ['/cassandra/analytics/claims-payments-correlation', (b) => b.monthly.map((m: any) => [m.month, m.claims_amount, m.payments_amount])],
  'loss-ratio': ['/cross/analytics/claims-vs-policies', (b) => b.products.map((p: any) => [p.code, p.loss_ratio_pct])],
  'agent-ranking': ['/cross/analytics/agent-performance?limit=10', (b) => b.agents.map((a: any) => [a.code, a.written_premium])],
  'customer-segments': ['/cross/analytics/customer-policy-profile', (b) => [['high', b.value_segments.high], ['medium', b.value_segments.medium], ['low', b.value_segments.low]]],
  references: ['/quality/references', (b) => b.references.map((r: any) => [r.reference, r.matched, r.unmatched])],
};

describe('dashboard in Chromium', { skip: missing ?? false }, () => {
  let browser: Browser;
  const folders: string[] = [];
  before(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM, headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  after(async () => {
    await browser?.close();
    for (const f of folders) rmSync(f, { recursive: true, force: true });
  });

  test('every panel shows the API\'s numbers', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'primac-dash-'));
    folders.push(folder);
    const server = await serve(folder, true);
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1800 } });
      // The first load (as of today) answers late, after the as-of date below is submitted: its answers must not
      // overwrite the newer ones (a race that CI once hit).
      await page.route(/as_of=(?!2026-05-31)/, async (route) => { await sleep(1500); await route.continue().catch(() => {}); });
      await page.goto(`${server.url}/dashboard`);
      await page.evaluate(() => { (document.getElementById('as_of') as HTMLInputElement).value = '2026-05-31'; document.getElementById('controls')!.dispatchEvent(new Event('submit', { cancelable: true })); });
      await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
      for (const [id, [route, expected]] of Object.entries(EXPECTED)) {
        const url = `${server.url}${route}${id === 'references' ? '' : `${route.includes('?') ? '&' : '?'}as_of=2026-05-31`}`;
        const body = await (await fetch(url)).json();
        const shown = JSON.parse((await page.getAttribute(`#${id}`, 'data-values')) ?? 'null');
        assert.deepEqual(shown, expected(body), id);
        assert.equal(await page.getAttribute(`#${id}`, 'data-state'), 'ok', id);
        if (id !== 'references') assert.ok(await page.$(`#${id} canvas`), `${id} draws a chart`);
      }
      const freshness = await page.$$eval('#freshness tbody tr', (rows) => rows.length);
      assert.equal(freshness, 11);
      await page.screenshot({ path: join(projectRoot, 'docs', 'dashboard.png'), fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(200);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      const wide = await page.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 5).map((e) => `${e.tagName}#${e.id}.${e.className}`));
      assert.ok(overflow <= 1, `no horizontal scrolling on a phone (${overflow}px: ${wide.join(', ')})`);
    } finally {
      await server.close();
    }
  });

  test('missing data shows a message on each panel, not a blank page', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'primac-dash-empty-'));
    folders.push(folder);
    const server = await serve(folder, false);
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}/dashboard`);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
      const errors = await page.$$eval('section[data-state="error"] .error', (nodes) => nodes.map((n) => n.textContent ?? ''));
      assert.ok(errors.length >= 11, `${errors.length} panels explain themselves`);
      for (const text of errors) assert.match(text, /No data yet .*primac ingest/);
      assert.match(await page.textContent('#status') ?? '', /could not be shown/);
    } finally {
      await server.close();
    }
  });
});
