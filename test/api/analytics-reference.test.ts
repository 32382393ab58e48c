/**
 * Every analytics route over seeded data, through app.inject(), against reference computations made another way:
 * rows read straight from MariaDB, PostgreSQL and Cassandra and reduced with plain loops and integer cents.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seed } from '../../src/seed/seed.ts';
import { apiOverIngestedLake, getJson, type ApiFixture } from '../helpers/api.ts';
import { cassandraRows, withCassandra, withMysql, withPostgres } from '../helpers/databases.ts';
import * as R from '../helpers/reference.ts';
import { config, missingServers } from '../helpers/servers.ts';

const skip = await missingServers(['mysql', 'postgres', 'cassandra']);
const AS_OF = '2026-05-20';

describe('analytics routes equal independent computations', { skip: skip ?? false }, () => {
  let api: ApiFixture;
  let users: R.Raw[], clients: R.Raw[], agents: R.Raw[], products: R.Raw[], policies: R.Raw[], coverages: R.Raw[], claims: R.Raw[], payments: R.Raw[];
  const get = async (path: string) => {
    const r = await getJson(api.app, `${path}${path.includes('?') ? '&' : '?'}as_of=${AS_OF}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body;
  };

  before(async () => {
    await seed(config, { scale: 0.05, seed: 3, shape: 'consistent', until: Date.parse('2026-06-01T00:00:00Z'), loadTime: 0 }, ['mysql', 'postgres', 'cassandra']);
    api = await apiOverIngestedLake('reference');
    [users, clients, agents] = await withMysql(async (db) => {
      const q = async (sql: string) => (await db.query(sql))[0] as R.Raw[];
      return [
        await q('SELECT id, role, state, city, email, phone, DATE_FORMAT(created_at, "%Y-%m-%d") AS day FROM users'),
        await q('SELECT user_id, first_name, last_name, document_type, DATE_FORMAT(birth_date, "%Y-%m-%d") AS birth FROM clients'),
        await q('SELECT code, first_name, last_name, is_active FROM agents'),
      ];
    });
    [products, policies, coverages] = await withPostgres(async (db) => [
      (await db.query('SELECT code, name, product_type, base_premium::text AS base_premium FROM product')).rows,
      (await db.query('SELECT id, customer_id, product_id, agent_id, status, premium::text AS premium, sum_insured::text AS sum_insured FROM policy')).rows,
      (await db.query('SELECT policy_id, coverage_limit::text AS coverage_limit, deductible::text AS deductible FROM policy_coverage')).rows,
    ]);
    [claims, payments] = await withCassandra(async (db) => [await cassandraRows(db, 'reclamos'), await cassandraRows(db, 'pagos')]);
  });
  after(async () => api?.close());

  test('/mysql/analytics/users', async () => {
    const body = await get('/mysql/analytics/users');
    assert.equal(body.total_users, users.length);
    const roles: Record<string, number> = { ADMIN: 0, USER: 0, AGENT: 0, UNKNOWN: 0 };
    for (const u of users) roles[R.unknown(u.role)]! += 1;
    assert.deepEqual(body.users_by_role, roles);
    assert.deepEqual(body.users_by_state, R.ranked(users.map((u) => R.unknown(u.state))).map(([state, n]) => ({ state, users: n, share_pct: R.pct(n, users.length) })));
    assert.deepEqual(body.top_cities, R.ranked(users.filter((u) => u.city !== null && u.city !== '').map((u) => u.city)).slice(0, 10).map(([city, n]) => ({ city, users: n })));
    assert.equal(body.recent_registrations, users.filter((u) => u.day >= R.daysBefore(AS_OF, 29) && u.day <= AS_OF).length);
    assert.deepEqual(body.monthly_registrations, R.monthsBack(AS_OF, 12).map((m) => ({ month: m, users: users.filter((u) => u.day.startsWith(m) && u.day <= AS_OF).length })));
    assert.equal(body.client_demographics.total_clients, clients.length);
    assert.deepEqual(body.client_demographics.by_age_band, R.BANDS.map((band) => ({ band, clients: clients.filter((c) => R.ageBand(c.birth, AS_OF) === band).length })));
    assert.deepEqual(body.client_demographics.by_document_type, R.ranked(clients.map((c) => R.unknown(c.document_type))).map(([document_type, n]) => ({ document_type, clients: n })));
    const emails = R.ranked(users.filter((u) => u.email !== null && u.email.trim() !== '').map((u) => u.email.trim().toLowerCase()));
    assert.deepEqual(body.data_quality, {
      missing_emails: users.filter((u) => u.email === null || u.email === '').length,
      missing_phones: users.filter((u) => u.phone === null).length,
      duplicate_emails: emails.filter(([, n]) => n > 1).reduce((s, [, n]) => s + n, 0),
      users_without_role: roles.UNKNOWN,
    });
    assert.deepEqual(Object.keys(body.meta.snapshots).sort(), ['mysql.clients', 'mysql.users']);
    assert.equal(body.meta.as_of, AS_OF);
  });

  test('/mysql/analytics/growth-by-state', async () => {
    for (const months of [1, 6, 12, 36]) {
      const body = await get(`/mysql/analytics/growth-by-state?months=${months}`);
      const window = R.monthsBack(AS_OF, months);
      const inWindow = users.filter((u) => u.day.slice(0, 7) >= window[0]! && u.day <= AS_OF);
      assert.equal(body.months, months);
      assert.deepEqual(body.window, { from: window[0], to: window.at(-1) });
      assert.equal(body.total_new_users, inWindow.length);
      assert.deepEqual(body.monthly_growth, window.map((m) => ({ month: m, users: inWindow.filter((u) => u.day.startsWith(m)).length })));
      assert.deepEqual(body.by_state, R.ranked(inWindow.map((u) => R.unknown(u.state))).map(([state, n]) => ({
        state, new_users: n, months: window.map((m) => ({ month: m, users: inWindow.filter((u) => R.unknown(u.state) === state && u.day.startsWith(m)).length })),
      })));
      const [prev, last] = R.monthsBack(AS_OF, 3) as [string, string];
      const inMonth = (m: string, s?: string) => users.filter((u) => u.day.startsWith(m) && (s === undefined || R.unknown(u.state) === s)).length;
      assert.deepEqual(body.growth_rate, { month: last, previous_month: prev, users: inMonth(last), previous_users: inMonth(prev), change_pct: R.pct(inMonth(last) - inMonth(prev), inMonth(prev)) });
      const candidates = [...new Set(users.filter((u) => u.day.startsWith(last) || u.day.startsWith(prev)).map((u) => R.unknown(u.state)))];
      const growing = candidates.map((state) => ({ state, users: inMonth(last, state), previous_users: inMonth(prev, state), change_pct: R.pct(inMonth(last, state) - inMonth(prev, state), inMonth(prev, state)) }))
        .sort((a, b) => (b.users - b.previous_users) - (a.users - a.previous_users) || R.byText(a.state, b.state)).slice(0, 10);
      assert.deepEqual(body.top_growing_states, growing);
    }
  });

  test('/postgresql/analytics/products', async () => {
    const body = await get('/postgresql/analytics/products');
    assert.equal(body.total_products, products.length);
    assert.deepEqual(body.products_by_type, R.ranked(products.map((p) => R.unknown(p.product_type))).map(([product_type, n]) => ({ product_type, products: n })));
    const premiums = products.filter((p) => p.base_premium !== null).map((p) => R.cents(p.base_premium)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    assert.deepEqual(body.base_premium, {
      min: R.money(premiums[0]!), max: R.money(premiums.at(-1)!), avg: R.roundRatio(premiums.reduce((a, b) => a + b, 0n), BigInt(premiums.length) * 100n), median: R.percentileCents(premiums, 50),
    });
    const perProduct = products.map((p) => ({ code: p.code, name: p.name, policies: policies.filter((x) => x.product_id === p.code).length, active_policies: policies.filter((x) => x.product_id === p.code && x.status === 'ACTIVE').length }))
      .sort((a, b) => b.policies - a.policies || R.byText(a.code, b.code));
    assert.deepEqual(body.policies_per_product, perProduct);
    assert.deepEqual(body.best_sellers, perProduct.filter((p) => p.policies > 0).slice(0, 5));
    const ids = new Set(policies.map((p) => p.id));
    const matched = coverages.filter((c) => ids.has(c.policy_id));
    const sum = (rows: R.Raw[], k: string) => rows.reduce((a, r) => a + R.cents(r[k]), 0n);
    const withCoverage = new Set(matched.map((c) => c.policy_id)).size;
    assert.deepEqual(body.coverage, {
      policies: policies.length, policies_with_coverage: withCoverage, coverages: matched.length, coverages_per_policy: R.roundRatio(BigInt(matched.length), BigInt(withCoverage)),
      avg_coverage_limit: R.roundRatio(sum(matched, 'coverage_limit'), BigInt(matched.length) * 100n), avg_deductible: R.roundRatio(sum(matched, 'deductible'), BigInt(matched.length) * 100n),
    });
    assert.deepEqual(body.meta.unmatched, { 'policy.product_id': 0, 'policy_coverage.policy_id': 0 });
  });

  test('/postgresql/analytics/product-profitability', async () => {
    const body = await get('/postgresql/analytics/product-profitability');
    const rows = products.map((p) => {
      const mine = policies.filter((x) => x.product_id === p.code);
      const premium = mine.reduce((a, x) => a + (x.premium === null ? 0n : R.cents(x.premium)), 0n);
      const insured = mine.reduce((a, x) => a + (x.sum_insured === null ? 0n : R.cents(x.sum_insured)), 0n);
      const withPremium = mine.filter((x) => x.premium !== null).length;
      return { code: p.code, name: p.name, product_type: R.unknown(p.product_type), policies: mine.length, active_policies: mine.filter((x) => x.status === 'ACTIVE').length,
        premium, insured, avg: withPremium === 0 ? null : R.roundRatio(premium, BigInt(withPremium) * 100n) };
    }).filter((r) => r.policies > 0).sort((a, b) => (b.premium > a.premium ? 1 : b.premium < a.premium ? -1 : R.byText(a.code, b.code)));
    assert.deepEqual(body.products, rows.map((r, i) => ({
      rank: i + 1, code: r.code, name: r.name, product_type: r.product_type, policies: r.policies, active_policies: r.active_policies,
      written_premium: R.money(r.premium), avg_premium: r.avg, sum_insured: R.money(r.insured), premium_to_exposure_pct: R.pct(r.premium, r.insured),
    })));
    const premium = rows.reduce((a, r) => a + r.premium, 0n);
    const insured = rows.reduce((a, r) => a + r.insured, 0n);
    assert.deepEqual(body.summary, {
      products_with_policies: rows.length, policies: rows.reduce((n, r) => n + r.policies, 0), active_policies: rows.reduce((n, r) => n + r.active_policies, 0),
      written_premium: R.money(premium), sum_insured: R.money(insured), premium_to_exposure_pct: R.pct(premium, insured),
    });
  });

  test('/cassandra/analytics/claims', async () => {
    const body = await get('/cassandra/analytics/claims');
    const day = (r: R.Raw) => String(r.fecha).slice(0, 10);
    assert.equal(body.total_claims, claims.length);
    const amountOf = (rows: R.Raw[]) => rows.reduce((a, r) => a + (r.monto === null ? 0n : R.cents(r.monto)), 0n);
    assert.deepEqual(body.claims_by_status, R.ranked(claims.map((c) => R.unknown(c.estado))).map(([estado, n]) => ({ estado, claims: n, amount: R.money(amountOf(claims.filter((c) => R.unknown(c.estado) === estado))) })));
    const amounts = claims.filter((c) => c.monto !== null).map((c) => R.cents(c.monto)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    assert.deepEqual(body.amount, {
      sum: R.money(amountOf(claims)), mean: R.roundRatio(amountOf(claims), BigInt(amounts.length) * 100n), median: R.percentileCents(amounts, 50), p90: R.percentileCents(amounts, 90),
      min: R.money(amounts[0]!), max: R.money(amounts.at(-1)!),
    });
    const bands: [string, bigint, bigint][] = [['<1K', -(10n ** 30n), 100000n], ['1K-5K', 100000n, 500000n], ['5K-10K', 500000n, 1000000n], ['10K-50K', 1000000n, 5000000n], ['50K+', 5000000n, 10n ** 30n]];
    assert.deepEqual(body.amount_bands, bands.map(([band, lo, hi]) => {
      const inBand = claims.filter((c) => c.monto !== null && R.cents(c.monto) >= lo && R.cents(c.monto) < hi);
      return { band, claims: inBand.length, amount: R.money(amountOf(inBand)) };
    }));
    assert.deepEqual(body.monthly, R.monthsBack(AS_OF, 12).map((m) => {
      const rows = claims.filter((c) => day(c).startsWith(m) && day(c) <= AS_OF);
      return { month: m, claims: rows.length, amount: R.money(amountOf(rows)) };
    }));
    const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
    assert.deepEqual(body.by_weekday, weekdays.map((weekday, i) => ({ weekday, claims: claims.filter((c) => (new Date(`${day(c)}T00:00:00Z`).getUTCDay() + 6) % 7 === i).length })));
    assert.equal(body.recent_claims, claims.filter((c) => day(c) >= R.daysBefore(AS_OF, 29) && day(c) <= AS_OF).length);
  });

  test('/cassandra/analytics/claims-payments-correlation', async () => {
    const body = await get('/cassandra/analytics/claims-payments-correlation');
    const sum = (rows: R.Raw[]) => rows.reduce((a, r) => a + (r.monto === null ? 0n : R.cents(r.monto)), 0n);
    const approved = claims.filter((c) => c.estado === 'Aprobado');
    const rejected = claims.filter((c) => c.estado === 'Rechazado').length;
    const pending = claims.filter((c) => c.estado === 'Pendiente').length;
    const processed = payments.filter((p) => p.estado === 'Procesado');
    assert.deepEqual(body.claims, {
      total: claims.length, approved: approved.length, rejected, pending, approved_amount: R.money(sum(approved)),
      approval_rate_pct: R.pct(approved.length, approved.length + rejected), pending_pct: R.pct(pending, claims.length),
    });
    assert.deepEqual(body.payments, {
      total: payments.length, processed: processed.length, processed_amount: R.money(sum(processed)), success_rate_pct: R.pct(processed.length, payments.length),
      by_method: R.ranked(payments.map((p) => R.unknown(p.metodo))).map(([metodo, n]) => {
        const ok = processed.filter((p) => R.unknown(p.metodo) === metodo);
        return { metodo, payments: n, processed: ok.length, processed_amount: R.money(sum(ok)), success_rate_pct: R.pct(ok.length, n) };
      }),
    });
    assert.equal(body.cash_loss_ratio_pct, R.roundRatio(sum(approved) * 100n, sum(processed)));
    const day = (r: R.Raw) => String(r.fecha).slice(0, 10);
    const monthly = R.monthsBack(AS_OF, 12).map((m) => {
      const c = claims.filter((x) => day(x).startsWith(m) && day(x) <= AS_OF);
      const p = processed.filter((x) => day(x).startsWith(m) && day(x) <= AS_OF);
      return { month: m, claims: c.length, claims_amount: R.money(sum(c)), payments: p.length, payments_amount: R.money(sum(p)) };
    });
    assert.deepEqual(body.monthly, monthly);
    assert.deepEqual(body.correlation, {
      count_pearson: R.pearson(monthly.map((m) => m.claims), monthly.map((m) => m.payments)),
      amount_pearson: R.pearson(monthly.map((m) => m.claims_amount!), monthly.map((m) => m.payments_amount!)),
    });
    let paired = 0;
    let totalMs = 0n;
    for (const c of claims) {
      if (c.poliza_id === null) continue;
      const t = Date.parse(c.fecha);
      const next = processed.filter((p) => p.poliza_id === c.poliza_id && Date.parse(p.fecha) >= t).map((p) => Date.parse(p.fecha) - t);
      if (next.length === 0) continue;
      paired++;
      totalMs += BigInt(Math.min(...next));
    }
    assert.deepEqual(body.claim_to_payment, { claims_with_next_payment: paired, mean_days: R.roundRatio(totalMs, BigInt(paired) * 86_400_000n) });
  });

  test('/cross/analytics/customer-policy-profile', async () => {
    const body = await get('/cross/analytics/customer-policy-profile');
    const stateOf = new Map(users.map((u) => [String(u.id), R.unknown(u.state)]));
    const byClient = new Map(clients.map((c) => [String(c.user_id), { c, policies: 0, premium: 0n, insured: 0n }]));
    let unmatched = 0;
    for (const p of policies) {
      const entry = byClient.get(String(p.customer_id));
      if (!entry) { unmatched++; continue; }
      entry.policies++;
      entry.premium += p.premium === null ? 0n : R.cents(p.premium);
      entry.insured += p.sum_insured === null ? 0n : R.cents(p.sum_insured);
    }
    const all = [...byClient.values()];
    const figures = (rows: typeof all) => ({
      clients: rows.length, clients_with_policies: rows.filter((r) => r.policies > 0).length, policies: rows.reduce((n, r) => n + r.policies, 0),
      written_premium: R.money(rows.reduce((a, r) => a + r.premium, 0n)), sum_insured: R.money(rows.reduce((a, r) => a + r.insured, 0n)),
    });
    const withPolicies = all.filter((r) => r.policies > 0);
    const totals = figures(all);
    assert.deepEqual(body.summary, { clients: totals.clients, clients_with_policies: totals.clients_with_policies, penetration_pct: R.pct(totals.clients_with_policies, totals.clients), policies: totals.policies,
        policies_per_client: R.roundRatio(BigInt(totals.policies), BigInt(totals.clients_with_policies)), written_premium: totals.written_premium, sum_insured: totals.sum_insured });
    assert.deepEqual(body.by_state, R.ranked(all.map((r) => stateOf.get(String(r.c.user_id)) ?? 'UNKNOWN')).map(([state]) => ({ state, ...figures(all.filter((r) => (stateOf.get(String(r.c.user_id)) ?? 'UNKNOWN') === state)) })));
    assert.deepEqual(body.by_age_band, R.BANDS.map((band) => ({ band, ...figures(all.filter((r) => R.ageBand(r.c.birth, AS_OF) === band)) })));
    const sums = withPolicies.map((r) => r.premium).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const p40 = R.percentileCents(sums, 40)!;
    const p80 = R.percentileCents(sums, 80)!;
    // Compared with the unrounded percentiles: p × 100 in exact cents-hundredths.
    const exact = (p: number) => { const h = BigInt(p) * BigInt(sums.length - 1); const lo = Number(h / 100n); const f = h % 100n; return sums[lo]! * 100n + (sums[Math.min(lo + 1, sums.length - 1)]! - sums[lo]!) * f; };
    const e40 = exact(40);
    const e80 = exact(80);
    assert.deepEqual(body.value_segments, {
      p40, p80, high: sums.filter((s) => s * 100n > e80).length, medium: sums.filter((s) => s * 100n > e40 && s * 100n <= e80).length, low: sums.filter((s) => s * 100n <= e40).length,
    });
    const top = withPolicies.sort((a, b) => (b.premium > a.premium ? 1 : b.premium < a.premium ? -1 : Number(a.c.user_id) - Number(b.c.user_id))).slice(0, 10);
    assert.deepEqual(body.top_clients, top.map((r) => ({ client_id: Number(r.c.user_id), first_name: r.c.first_name, last_name: r.c.last_name, policies: r.policies, written_premium: R.money(r.premium) })));
    assert.deepEqual(body.meta.unmatched, { 'policy.customer_id': unmatched });
  });

  test('/cross/analytics/agent-performance', async () => {
    const rows = agents.map((a) => {
      const sold = policies.filter((p) => p.agent_id === a.code);
      const withPremium = sold.filter((p) => p.premium !== null);
      const premium = withPremium.reduce((s, p) => s + R.cents(p.premium), 0n);
      return { code: a.code, first_name: a.first_name, last_name: a.last_name, is_active: Boolean(a.is_active), policies: sold.length, active_policies: sold.filter((p) => p.status === 'ACTIVE').length,
        premium, avg_premium: withPremium.length === 0 ? null : R.roundRatio(premium, BigInt(withPremium.length) * 100n), distinct_products: new Set(sold.map((p) => p.product_id)).size };
    }).sort((a, b) => (b.premium > a.premium ? 1 : b.premium < a.premium ? -1 : b.policies - a.policies || R.byText(a.code, b.code)));
    const codes = new Set(agents.map((a) => a.code));
    for (const [limit, offset] of [[50, 0], [7, 3], [1000, 240]] as const) {
      const body = await get(`/cross/analytics/agent-performance?limit=${limit}&offset=${offset}`);
      assert.equal(body.total, agents.length);
      assert.deepEqual(body.agents, rows.slice(offset, offset + limit).map((r, i) => ({
        rank: offset + i + 1, code: r.code, first_name: r.first_name, last_name: r.last_name, is_active: r.is_active, policies: r.policies, active_policies: r.active_policies,
        written_premium: R.money(r.premium), avg_premium: r.avg_premium, distinct_products: r.distinct_products,
      })));
      const withSales = rows.filter((r) => r.policies > 0).length;
      assert.deepEqual(body.summary, {
        agents: agents.length, active_agents: agents.filter((a) => a.is_active).length, agents_with_sales: withSales, sales_penetration_pct: R.pct(withSales, agents.length),
        policies_sold: rows.reduce((n, r) => n + r.policies, 0), written_premium: R.money(rows.reduce((a, r) => a + r.premium, 0n)),
      });
      assert.deepEqual(body.meta.unmatched, { 'policy.agent_id': policies.filter((p) => p.agent_id !== null && !codes.has(p.agent_id)).length });
    }
  });

  test('/cross/analytics/claims-vs-policies', async () => {
    const body = await get('/cross/analytics/claims-vs-policies');
    const policyById = new Map(policies.map((p) => [String(p.id), p]));
    const rows = products.map((prod) => {
      const mine = policies.filter((p) => p.product_id === prod.code);
      const ids = new Set(mine.map((p) => String(p.id)));
      const theirs = claims.filter((c) => c.poliza_id !== null && ids.has(String(c.poliza_id)));
      const claimed = theirs.reduce((a, c) => a + (c.monto === null ? 0n : R.cents(c.monto)), 0n);
      const approved = theirs.filter((c) => c.estado === 'Aprobado').reduce((a, c) => a + (c.monto === null ? 0n : R.cents(c.monto)), 0n);
      const premium = mine.reduce((a, p) => a + (p.premium === null ? 0n : R.cents(p.premium)), 0n);
      return { code: prod.code, name: prod.name, policies: mine.length, claims: theirs.length, claimed, approved, premium };
    }).filter((r) => r.policies > 0);
    const ratio = (r: (typeof rows)[number]) => (r.premium === 0n ? null : Number(r.approved) / Number(r.premium));
    rows.sort((a, b) => { const x = ratio(a); const y = ratio(b); return x === null ? (y === null ? R.byText(a.code, b.code) : 1) : y === null ? -1 : y - x || R.byText(a.code, b.code); });
    const shape = (r: { policies: number; claims: number; claimed: bigint; approved: bigint; premium: bigint }) => ({
      policies: r.policies, claims: r.claims, claims_per_100_policies: R.pct(r.claims, r.policies), claimed_amount: R.money(r.claimed), approved_amount: R.money(r.approved),
      written_premium: R.money(r.premium), loss_ratio_pct: R.roundRatio(r.approved * 100n, r.premium),
    });
    assert.deepEqual(body.products, rows.map((r) => ({ code: r.code, name: r.name, ...shape(r) })));
    const sum = (k: 'claimed' | 'approved' | 'premium') => rows.reduce((a, r) => a + r[k], 0n);
    assert.deepEqual(body.summary, shape({ policies: rows.reduce((n, r) => n + r.policies, 0), claims: rows.reduce((n, r) => n + r.claims, 0), claimed: sum('claimed'), approved: sum('approved'), premium: sum('premium') }));
    const rated = rows.filter((r) => ratio(r) !== null);
    assert.equal(body.worst, rated[0]?.code ?? null);
    assert.equal(body.best, [...rated].sort((a, b) => ratio(a)! - ratio(b)! || R.byText(a.code, b.code))[0]?.code ?? null);
    assert.deepEqual(body.meta.unmatched, { 'reclamos.poliza_id': claims.filter((c) => c.poliza_id !== null && !policyById.has(String(c.poliza_id))).length, 'policy.product_id': 0 });
  });
});
