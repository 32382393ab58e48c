/**
 * RESPONSES.md's fine print, each case pinned on hand-written nasty but valid rows (ingested through the real
 * pipeline from a fixture source) with every expected figure worked out by hand in the comments' arithmetic.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/app.ts';
import { openCatalog } from '../../src/catalog/registry.ts';
import { createDuckdbEngine } from '../../src/engines/duckdb/duckdb-engine.ts';
import type { QueryEngine } from '../../src/engines/query-engine.ts';
import { runIngestion } from '../../src/ingest/run.ts';
import { openLake } from '../../src/lake/registry.ts';
import { getJson } from '../helpers/api.ts';
import { FINE_PRINT_AS_OF, FINE_PRINT_SOURCES } from '../helpers/fine-print-fixture.ts';
import { ingestDefaults } from '../helpers/ingest.ts';
import { testConfig } from '../helpers/lake.ts';
import { pearson } from '../helpers/reference.ts';

const D = FINE_PRINT_AS_OF;
const months12 = ['2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-03'];

describe('the fine print of RESPONSES.md', () => {
  let app: FastifyInstance;
  let engine: QueryEngine;
  let cleanup = () => {};
  const get = async (path: string) => {
    const r = await getJson(app, `${path}${path.includes('?') ? '&' : '?'}as_of=${D}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body;
  };

  before(async () => {
    const env = await testConfig('local', 'local', 'fine-print');
    cleanup = env.cleanup;
    const record = await runIngestion(env.config, ingestDefaults, () => {}, FINE_PRINT_SOURCES);
    assert.equal(record.status, 'succeeded', JSON.stringify(record.tables.filter((t) => t.error)));
    const lake = await openLake(env.config);
    engine = await createDuckdbEngine(lake);
    ({ app } = await buildApp({ config: env.config, lake, catalog: await openCatalog(env.config, lake), engine }));
  });
  after(async () => {
    await app?.close();
    await engine?.close();
    cleanup();
  });

  test('users: windows end at D, UNKNOWN categories, exact text, code-point order, e-mail quality', async () => {
    const b = await get('/mysql/analytics/users');
    assert.equal(b.total_users, 8, 'a user after D still counts in totals');
    assert.deepEqual(b.users_by_role, { ADMIN: 1, USER: 4, AGENT: 1, UNKNOWN: 2 });
    assert.deepEqual(b.users_by_state, [
      { state: 'CUSCO', users: 3, share_pct: 37.5 }, { state: 'AREQUIPA', users: 2, share_pct: 25 }, { state: 'LIMA', users: 2, share_pct: 25 }, { state: 'UNKNOWN', users: 1, share_pct: 12.5 },
    ]);
    assert.deepEqual(b.top_cities, [
      { city: 'Cusco', users: 2 }, { city: 'LIMA', users: 1 }, { city: 'Lima', users: 1 }, { city: 'Zeta', users: 1 }, { city: 'apple', users: 1 }, { city: 'Ñandú', users: 1 },
    ]);
    assert.equal(b.recent_registrations, 2);
    assert.deepEqual(b.monthly_registrations, months12.map((month) => ({ month, users: ({ '2024-12': 1, '2025-01': 1, '2025-02': 2, '2025-03': 2 } as Record<string, number>)[month] ?? 0 })));
    assert.deepEqual(b.data_quality, { missing_emails: 2, missing_phones: 1, duplicate_emails: 4, users_without_role: 2 });
    assert.deepEqual(b.client_demographics, {
      total_clients: 6,
      by_age_band: [{ band: '<25', clients: 2 }, { band: '25-34', clients: 2 }, { band: '35-44', clients: 0 }, { band: '45-54', clients: 0 }, { band: '55-64', clients: 0 }, { band: '65+', clients: 1 }, { band: 'unknown', clients: 1 }],
      by_document_type: [{ document_type: 'DNI', clients: 3 }, { document_type: 'UNKNOWN', clients: 2 }, { document_type: 'PASSPORT', clients: 1 }],
    });
    // Born 29 February 2000: 24 on 28 February 2025, 25 on 1 March (the others under 25 stay there).
    const before = (await getJson(app, '/mysql/analytics/users?as_of=2025-02-28')).body.client_demographics.by_age_band;
    const afterBirthday = (await getJson(app, '/mysql/analytics/users?as_of=2025-03-01')).body.client_demographics.by_age_band;
    assert.equal(before.find((x: { band: string }) => x.band === '<25').clients, 4);
    assert.equal(afterBirthday.find((x: { band: string }) => x.band === '<25').clients, 3);
  });

  test('growth: window, last full month, candidates in either month, null change from zero', async () => {
    const b = await get('/mysql/analytics/growth-by-state?months=2');
    assert.deepEqual(b.window, { from: '2025-02', to: '2025-03' });
    assert.equal(b.total_new_users, 4);
    assert.deepEqual(b.monthly_growth, [{ month: '2025-02', users: 2 }, { month: '2025-03', users: 2 }]);
    assert.deepEqual(b.by_state.map((s: { state: string; new_users: number }) => [s.state, s.new_users]), [['LIMA', 2], ['AREQUIPA', 1], ['CUSCO', 1]]);
    assert.deepEqual(b.growth_rate, { month: '2025-02', previous_month: '2025-01', users: 2, previous_users: 1, change_pct: 100 });
    assert.deepEqual(b.top_growing_states, [
      { state: 'CUSCO', users: 1, previous_users: 0, change_pct: null }, { state: 'LIMA', users: 1, previous_users: 0, change_pct: null }, { state: 'UNKNOWN', users: 0, previous_users: 1, change_pct: -100 },
    ]);
    assert.deepEqual((await get('/mysql/analytics/growth-by-state?months=36')).growth_rate, b.growth_rate, 'growth_rate does not depend on months');
  });

  test('products: half away from zero, exact median, every product listed, orphans counted', async () => {
    const b = await get('/postgresql/analytics/products');
    assert.deepEqual(b.products_by_type, [{ product_type: 'UNKNOWN', products: 2 }, { product_type: 'AUTO', products: 1 }]);
    assert.deepEqual(b.base_premium, { min: 0.01, max: 0.02, avg: 0.02, median: 0.02 });
    assert.deepEqual(b.policies_per_product, [
      { code: 'B-PROD', name: 'Beta', policies: 3, active_policies: 2 }, { code: 'A-PROD', name: 'Alfa', policies: 2, active_policies: 1 }, { code: 'C-PROD', name: 'Gamma', policies: 0, active_policies: 0 },
    ]);
    assert.equal(b.best_sellers.length, 2);
    assert.deepEqual(b.coverage, { policies: 6, policies_with_coverage: 2, coverages: 3, coverages_per_policy: 1.5, avg_coverage_limit: 666.67, avg_deductible: 7.5 });
    assert.deepEqual(b.meta.unmatched, { 'policy.product_id': 1, 'policy_coverage.policy_id': 1 });
  });

  test('profitability: NULL premiums add nothing, ties by code', async () => {
    const b = await get('/postgresql/analytics/product-profitability');
    assert.deepEqual(b.products, [
      { rank: 1, code: 'A-PROD', name: 'Alfa', product_type: 'UNKNOWN', policies: 2, active_policies: 1, written_premium: 200, avg_premium: 100, sum_insured: 2000, premium_to_exposure_pct: 10 },
      { rank: 2, code: 'B-PROD', name: 'Beta', product_type: 'AUTO', policies: 3, active_policies: 2, written_premium: 200, avg_premium: 100, sum_insured: 2500, premium_to_exposure_pct: 8 },
    ]);
    assert.deepEqual(b.summary, { products_with_policies: 2, policies: 5, active_policies: 3, written_premium: 400, sum_insured: 4500, premium_to_exposure_pct: 8.89 });
  });

  test('claims: exact stored values in bands, NULL amounts absent, weekdays over all claims', async () => {
    const b = await get('/cassandra/analytics/claims');
    assert.equal(b.total_claims, 6);
    assert.deepEqual(b.claims_by_status, [
      { estado: 'Aprobado', claims: 3, amount: 65000.5 }, { estado: 'Pendiente', claims: 1, amount: 0 }, { estado: 'Rechazado', claims: 1, amount: -50 }, { estado: 'UNKNOWN', claims: 1, amount: 1000 },
    ]);
    assert.deepEqual(b.amount, { sum: 65950.5, mean: 13190.1, median: 1000, p90: 38000.3, min: -50, max: 60000.5 });
    assert.deepEqual(b.amount_bands, [
      { band: '<1K', claims: 2, amount: -50 }, { band: '1K-5K', claims: 2, amount: 6000 }, { band: '5K-10K', claims: 0, amount: 0 }, { band: '10K-50K', claims: 0, amount: 0 }, { band: '50K+', claims: 1, amount: 60000.5 },
    ]);
    assert.deepEqual(b.monthly, months12.map((month) => ({ month, claims: ({ '2025-02': 1, '2025-03': 3 } as Record<string, number>)[month] ?? 0, amount: month === '2025-03' ? 4950 : 0 })));
    assert.deepEqual(b.by_weekday.map((w: { claims: number }) => w.claims), [1, 0, 0, 0, 2, 2, 1]);
    assert.equal(b.recent_claims, 3);
  });

  test('claims vs payments: same-instant payment pairs with 0, NULL policy never pairs', async () => {
    const b = await get('/cassandra/analytics/claims-payments-correlation');
    assert.deepEqual(b.claims, { total: 6, approved: 3, rejected: 1, pending: 1, approved_amount: 65000.5, approval_rate_pct: 75, pending_pct: 16.67 });
    assert.deepEqual(b.payments, {
      total: 5, processed: 3, processed_amount: 300, success_rate_pct: 60,
      by_method: [
        { metodo: 'Tarjeta', payments: 2, processed: 1, processed_amount: 50, success_rate_pct: 50 }, { metodo: 'Plin', payments: 1, processed: 0, processed_amount: 0, success_rate_pct: 0 },
        { metodo: 'UNKNOWN', payments: 1, processed: 1, processed_amount: 150, success_rate_pct: 100 }, { metodo: 'Yape', payments: 1, processed: 1, processed_amount: 100, success_rate_pct: 100 },
      ],
    });
    assert.equal(b.cash_loss_ratio_pct, 21666.83);
    const claims = months12.map((m) => ({ '2025-02': 1, '2025-03': 3 } as Record<string, number>)[m] ?? 0);
    const payments = months12.map((m) => ({ '2025-02': 1, '2025-03': 1 } as Record<string, number>)[m] ?? 0);
    assert.deepEqual(b.monthly.map((m: { claims: number; payments: number }) => [m.claims, m.payments]), claims.map((c, i) => [c, payments[i]]));
    assert.equal(b.correlation.count_pearson, pearson(claims, payments));
    assert.deepEqual(b.claim_to_payment, { claims_with_next_payment: 3, mean_days: 0.83 });
  });

  test('customer profile: unmatched customers, client without user, segments on unrounded cuts', async () => {
    const b = await get('/cross/analytics/customer-policy-profile');
    assert.deepEqual(b.summary, { clients: 6, clients_with_policies: 4, penetration_pct: 66.67, policies: 5, policies_per_client: 1.25, written_premium: 400, sum_insured: 4500 });
    assert.deepEqual(b.by_state, [
      { state: 'AREQUIPA', clients: 2, clients_with_policies: 1, policies: 1, written_premium: 0, sum_insured: 500 },
      { state: 'LIMA', clients: 2, clients_with_policies: 2, policies: 3, written_premium: 250, sum_insured: 2500 },
      { state: 'UNKNOWN', clients: 2, clients_with_policies: 1, policies: 1, written_premium: 150, sum_insured: 1500 },
    ]);
    const zero = { clients: 0, clients_with_policies: 0, policies: 0, written_premium: 0, sum_insured: 0 };
    assert.deepEqual(b.by_age_band, [
      { band: '<25', clients: 2, clients_with_policies: 1, policies: 1, written_premium: 50, sum_insured: 500 },
      { band: '25-34', clients: 2, clients_with_policies: 2, policies: 3, written_premium: 200, sum_insured: 2500 },
      { band: '35-44', ...zero }, { band: '45-54', ...zero }, { band: '55-64', ...zero },
      { band: '65+', clients: 1, clients_with_policies: 1, policies: 1, written_premium: 150, sum_insured: 1500 },
      { band: 'unknown', clients: 1, clients_with_policies: 0, policies: 0, written_premium: 0, sum_insured: 0 },
    ]);
    assert.deepEqual(b.value_segments, { p40: 70, p80: 170, high: 1, medium: 1, low: 2 });
    assert.deepEqual(b.top_clients, [
      { client_id: 1, first_name: 'Ana', last_name: 'Q', policies: 2, written_premium: 200 }, { client_id: 99, first_name: 'Zz', last_name: 'V', policies: 1, written_premium: 150 },
      { client_id: 2, first_name: 'Bo', last_name: 'R', policies: 1, written_premium: 50 }, { client_id: 7, first_name: 'Di', last_name: 'T', policies: 1, written_premium: 0 },
    ]);
    assert.deepEqual(b.meta.unmatched, { 'policy.customer_id': 1 });
  });

  test('agents: \'\' is an unmatched reference, agents without sales listed with zeros, paging keeps ranks', async () => {
    const b = await get('/cross/analytics/agent-performance');
    assert.deepEqual(b.summary, { agents: 3, active_agents: 2, agents_with_sales: 2, sales_penetration_pct: 66.67, policies_sold: 3, written_premium: 150 });
    assert.deepEqual(b.agents, [
      { rank: 1, code: 'AG1', first_name: 'Uno', last_name: 'A', is_active: true, policies: 1, active_policies: 1, written_premium: 100, avg_premium: 100, distinct_products: 1 },
      { rank: 2, code: 'AG2', first_name: 'Dos', last_name: 'B', is_active: false, policies: 2, active_policies: 1, written_premium: 50, avg_premium: 50, distinct_products: 1 },
      { rank: 3, code: 'AG3', first_name: 'Tres', last_name: 'C', is_active: true, policies: 0, active_policies: 0, written_premium: 0, avg_premium: null, distinct_products: 0 },
    ]);
    assert.deepEqual(b.meta.unmatched, { 'policy.agent_id': 2 });
    const page = await get('/cross/analytics/agent-performance?limit=1&offset=1');
    assert.deepEqual(page.agents.map((a: { rank: number; code: string }) => [a.rank, a.code]), [[2, 'AG2']]);
    assert.equal(page.total, 3);
  });

  test('claims vs policies: loss ratios on exact sums, best and worst', async () => {
    const b = await get('/cross/analytics/claims-vs-policies');
    assert.deepEqual(b.products, [
      { code: 'B-PROD', name: 'Beta', policies: 3, claims: 3, claims_per_100_policies: 100, claimed_amount: 60000.51, approved_amount: 60000.51, written_premium: 200, loss_ratio_pct: 30000.25 },
      { code: 'A-PROD', name: 'Alfa', policies: 2, claims: 2, claims_per_100_policies: 100, claimed_amount: 4950, approved_amount: 5000, written_premium: 200, loss_ratio_pct: 2500 },
    ]);
    assert.deepEqual(b.summary, { policies: 5, claims: 5, claims_per_100_policies: 100, claimed_amount: 64950.5, approved_amount: 65000.5, written_premium: 400, loss_ratio_pct: 16250.13 });
    assert.equal(b.best, 'A-PROD');
    assert.equal(b.worst, 'B-PROD');
    assert.deepEqual(b.meta.unmatched, { 'reclamos.poliza_id': 0, 'policy.product_id': 1 });
  });
});
