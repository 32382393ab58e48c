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
import { fixtureSource } from '../helpers/fixture-source.ts';
import { ingestDefaults } from '../helpers/ingest.ts';
import { testConfig } from '../helpers/lake.ts';
import { pearson } from '../helpers/reference.ts';

const D = '2025-03-15';
const months12 = ['2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-03'];

const mysql = fixtureSource('mysql', [
  {
    name: 'users', columns: { id: 'int64', role: 'string', state: 'string', city: 'string', email: 'string', phone: 'int32', created_at: 'timestamp' },
    rows: [
      [1, 'USER', 'LIMA', 'Lima', ' Ana@Mail.com', 911, '2025-03-10 10:00:00'],
      [2, 'USER', 'LIMA', 'LIMA', 'ana@mail.com ', 912, '2025-02-10 10:00:00'],
      [3, '', '', null, null, null, '2025-01-20 10:00:00'],
      [4, 'ADMIN', 'CUSCO', 'Cusco', '', 914, '2025-03-16 00:00:00'],
      [5, 'AGENT', 'CUSCO', 'Cusco', 'x@y.com', 915, '2024-02-29 12:00:00'],
      [6, null, 'CUSCO', 'Zeta', '  ', 916, '2025-02-01 00:00:00'],
      [7, 'USER', 'AREQUIPA', 'apple', 'dup@x.com', 917, '2025-03-15 23:59:59'],
      [8, 'USER', 'AREQUIPA', 'Ñandú', 'DUP@x.com', 918, '2024-12-31 23:59:59'],
    ],
  },
  {
    name: 'clients', columns: { user_id: 'int64', first_name: 'string', last_name: 'string', document_type: 'string', birth_date: 'date' },
    rows: [
      [1, 'Ana', 'Q', 'DNI', '2000-03-15'], [2, 'Bo', 'R', 'DNI', '2000-03-16'], [3, 'Cy', 'S', '', null],
      [7, 'Di', 'T', 'PASSPORT', '2000-02-29'], [8, 'Ed', 'U', null, '2026-01-01'], [99, 'Zz', 'V', 'DNI', '1960-03-15'],
    ],
  },
  { name: 'agents', columns: { code: 'string', first_name: 'string', last_name: 'string', is_active: 'boolean' }, rows: [['AG1', 'Uno', 'A', true], ['AG2', 'Dos', 'B', false], ['AG3', 'Tres', 'C', true]] },
]);

const postgres = fixtureSource('postgresql', [
  { name: 'product', columns: { code: 'string', name: 'string', product_type: 'string', base_premium: 'decimal(12,2)' }, rows: [['B-PROD', 'Beta', 'AUTO', '0.01'], ['A-PROD', 'Alfa', null, '0.02'], ['C-PROD', 'Gamma', '', null]] },
  {
    name: 'policy', columns: { id: 'int32', customer_id: 'int32', product_id: 'string', agent_id: 'string', status: 'string', premium: 'decimal(12,2)', sum_insured: 'decimal(14,2)' },
    rows: [
      [1, 1, 'A-PROD', 'AG1', 'ACTIVE', '100.00', '1000.00'], [2, 1, 'A-PROD', '', 'EXPIRED', '100.00', '1000.00'], [3, 2, 'B-PROD', 'AG2', 'ACTIVE', '50.00', '500.00'],
      [4, 7, 'B-PROD', 'AG2', 'CANCELLED', null, '500.00'], [5, 555, 'X-NONE', 'AG9', 'ACTIVE', '10.00', '100.00'], [6, 99, 'B-PROD', null, 'ACTIVE', '150.00', '1500.00'],
    ],
  },
  { name: 'policy_coverage', columns: { policy_id: 'int32', coverage_limit: 'decimal(14,2)', deductible: 'decimal(12,2)' }, rows: [[1, '1000.00', '10.00'], [1, '500.00', '5.00'], [3, '500.00', null], [77, '1.00', '1.00']] },
]);

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const cassandra = fixtureSource('cassandra', [
  {
    name: 'reclamos', columns: { cliente_id: 'int32', fecha: 'timestamptz', reclamo_id: 'uuid', poliza_id: 'int32', estado: 'string', monto: 'decimal_any' },
    rows: [
      [1, '2025-03-10T10:00:00Z', uuid(1), 1, 'Aprobado', '4999.995'], [1, '2025-03-14T10:00:00Z', uuid(2), 1, 'Rechazado', '-50'],
      [2, '2025-02-01T00:00:00Z', uuid(3), 3, 'Pendiente', null], [7, '2025-03-16T00:00:00Z', uuid(4), 4, 'Aprobado', '60000.5'],
      [2, '2024-01-05T00:00:00Z', uuid(5), null, '', '1000'], [99, '2025-03-15T23:00:00Z', uuid(6), 6, 'Aprobado', '0.005'],
    ],
  },
  {
    name: 'pagos', columns: { cliente_id: 'int32', fecha: 'timestamptz', pago_id: 'uuid', poliza_id: 'int32', monto: 'decimal_any', metodo: 'string', estado: 'string' },
    rows: [
      [1, '2025-03-10T10:00:00Z', uuid(11), 1, '100', 'Yape', 'Procesado'], [1, '2025-03-12T10:00:00Z', uuid(12), 1, '100', 'Tarjeta', 'Fallido'],
      [2, '2025-02-03T00:00:00Z', uuid(13), 3, '50', 'Tarjeta', 'Procesado'], [99, '2025-03-16T11:00:00Z', uuid(14), 6, '150', null, 'Procesado'],
      [1, '2025-03-20T10:00:00Z', uuid(15), 1, '0.5', 'Plin', 'Pendiente'],
    ],
  },
]);

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
    const record = await runIngestion(env.config, ingestDefaults, () => {}, [mysql, postgres, cassandra]);
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
