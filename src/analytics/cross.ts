/** The cross-database routes (/cross/analytics/*) — RESPONSES.md. Joins follow SOURCES.md's references. */
import type { Row } from '../engines/query-engine.ts';
import { byCodePoint, category, num, percentilesFromRanks, snapshotMeta, type AnalyticsContext } from './context.ts';
import { compare, countAtOrBelowPercentile, div, fraction, money, pct, ratio, round, sumOf, type Fraction } from './exact.ts';
import { AGE_BANDS, ageBandExpression } from './window.ts';

export const PROFILE_TABLES = ['mysql_clients', 'mysql_users', 'postgresql_policy'];
export const AGENT_TABLES = ['mysql_agents', 'postgresql_policy'];
export const CLAIMS_VS_POLICIES_TABLES = ['cassandra_reclamos', 'postgresql_policy', 'postgresql_product'];

const unmatchedCount = async (ctx: AnalyticsContext, sql: string) => num((await ctx.engine.query(sql))[0], 'n');

export async function customerProfileAnalytics(ctx: AnalyticsContext) {
  const { engine, asOf } = ctx;
  const d = engine.dialect;
  // One row per client: its state (from its user), age band, matched policies and their sums.
  const perClient = `
    SELECT c.user_id, ${category(d, 'u.state')} AS state, ${ageBandExpression('c.birth_date', asOf)} AS band,
      count(p.customer_id) AS policies, coalesce(sum(p.premium), 0) AS premium, coalesce(sum(p.sum_insured), 0) AS insured
    FROM mysql_clients c
    LEFT JOIN mysql_users u ON u.id = c.user_id
    LEFT JOIN postgresql_policy p ON p.customer_id = c.user_id
    GROUP BY c.user_id, u.state, c.birth_date`;
  const figures = `count(*) AS clients, count(*) FILTER (WHERE policies > 0) AS clients_with_policies, coalesce(sum(policies), 0) AS policies,
      coalesce(sum(premium), 0) AS written_premium, coalesce(sum(insured), 0) AS sum_insured`;
  // One statement over the clients for the summary, states, age bands, the ranks around p40/p80 and the top 10.
  const [rows, unmatched] = await Promise.all([
    engine.query(`
      WITH pc AS (${perClient}),
      -- le = how many values are ≤ this one (ties included: the default RANGE frame counts peers).
      ranked AS (SELECT premium, row_number() OVER (ORDER BY premium) AS rn, count(*) OVER () AS n, count(*) OVER (ORDER BY premium) AS le FROM pc WHERE policies > 0),
      top AS (SELECT user_id, policies, premium, row_number() OVER (ORDER BY premium DESC, user_id) AS tr FROM pc WHERE policies > 0)
      SELECT CASE WHEN GROUPING(state) = 0 THEN 'state' WHEN GROUPING(band) = 0 THEN 'band' ELSE 'all' END AS level, state, band, ${figures},
        CAST(NULL AS BIGINT) AS rn, CAST(NULL AS BIGINT) AS n, CAST(NULL AS BIGINT) AS le, CAST(NULL AS DECIMAL(38,2)) AS v, CAST(NULL AS BIGINT) AS client_id
      FROM pc GROUP BY GROUPING SETS ((state), (band), ())
      UNION ALL
      SELECT 'rank', NULL, NULL, 0, 0, 0, 0, 0, rn, n, le, premium, NULL FROM ranked
      WHERE rn IN (floor(40 * (n - 1) / 100.0) + 1, ceil(40 * (n - 1) / 100.0) + 1, floor(80 * (n - 1) / 100.0) + 1, ceil(80 * (n - 1) / 100.0) + 1)
      UNION ALL
      SELECT 'top', NULL, NULL, 0, 0, policies, premium, 0, tr, NULL, NULL, NULL, user_id FROM top WHERE tr <= 10`),
    unmatchedCount(ctx, `SELECT count(*) AS n FROM postgresql_policy p WHERE p.customer_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM mysql_clients c WHERE c.user_id = p.customer_id)`),
  ]);
  const topRows = rows.filter((r) => r.level === 'top').sort((a, b) => num(a, 'rn') - num(b, 'rn'));
  const names = topRows.length === 0 ? [] : await engine.query(`SELECT user_id, first_name, last_name FROM mysql_clients WHERE user_id IN (${topRows.map((r) => num(r, 'client_id')).join(', ')})`);
  const nameOf = new Map(names.map((r) => [num(r, 'user_id'), r]));
  const grouped = rows.filter((r) => r.level !== 'rank' && r.level !== 'top');
  const summary = grouped.find((r) => r.level === 'all');
  const states = grouped.filter((r) => r.level === 'state').sort((a, b) => num(b, 'clients') - num(a, 'clients') || byCodePoint(String(a.state), String(b.state)));
  const bands = new Map(grouped.filter((r) => r.level === 'band').map((r) => [String(r.band), r]));
  const ranks = rows.filter((r) => r.level === 'rank');
  const cut = percentilesFromRanks(ranks.map((r) => [num(r, 'rn'), r.v!] as const), num(ranks[0], 'n'), [40, 80]);
  const p40 = cut.get(40) ?? null;
  const p80 = cut.get(80) ?? null;
  // Segments compare each client with the unrounded cut-offs, counted from the same ranks.
  const n = num(ranks[0], 'n');
  const byRank = new Map(ranks.map((r) => [num(r, 'rn'), { value: r.v!, le: num(r, 'le') }]));
  const atOrBelow = (percent: number) => countAtOrBelowPercentile(percent, n, (rank) => byRank.get(rank)!);
  const segments = { high: 0, medium: 0, low: 0 };
  if (n > 0) {
    const low = atOrBelow(40);
    const upToP80 = atOrBelow(80);
    Object.assign(segments, { high: n - upToP80, medium: upToP80 - low, low });
  }
  const shape = (r: Record<string, unknown> | undefined) => ({
    clients: num(r as never, 'clients'), clients_with_policies: num(r as never, 'clients_with_policies'), policies: num(r as never, 'policies'),
    written_premium: money((r?.written_premium as string) ?? 0), sum_insured: money((r?.sum_insured as string) ?? 0),
  });
  const withPolicies = num(summary, 'clients_with_policies');
  return {
    summary: {
      clients: num(summary, 'clients'), clients_with_policies: withPolicies, penetration_pct: pct(withPolicies, num(summary, 'clients')),
      policies: num(summary, 'policies'), policies_per_client: ratio(num(summary, 'policies'), withPolicies),
      written_premium: money(summary!.written_premium!), sum_insured: money(summary!.sum_insured!),
    },
    by_state: states.map((r) => ({ state: String(r.state), ...shape(r) })),
    by_age_band: AGE_BANDS.map((band) => ({ band, ...shape(bands.get(band)) })),
    value_segments: { p40: round(p40), p80: round(p80), ...segments },
    top_clients: topRows.map((r) => ({
      client_id: num(r, 'client_id'), first_name: nameOf.get(num(r, 'client_id'))?.first_name ?? null, last_name: nameOf.get(num(r, 'client_id'))?.last_name ?? null,
      policies: num(r, 'policies'), written_premium: money(r.written_premium!),
    })),
    meta: { snapshots: snapshotMeta(ctx, PROFILE_TABLES), unmatched: { 'policy.customer_id': unmatched } },
  };
}

export async function agentPerformanceAnalytics(ctx: AnalyticsContext, limit: number, offset: number) {
  const { engine } = ctx;
  const ranked = `
    SELECT a.code, a.first_name, a.last_name, a.is_active, count(p.agent_id) AS policies,
      count(*) FILTER (WHERE p.status = 'ACTIVE') AS active_policies, coalesce(sum(p.premium), 0) AS written_premium,
      sum(p.premium) AS premium_sum, count(p.premium) AS premium_n, count(DISTINCT p.product_id) AS distinct_products
    FROM mysql_agents a LEFT JOIN postgresql_policy p ON p.agent_id = a.code
    GROUP BY a.code, a.first_name, a.last_name, a.is_active`;
  const summarySql = `
    SELECT count(*) AS agents, coalesce(sum(CASE WHEN is_active THEN 1 ELSE 0 END), 0) AS active_agents, coalesce(sum(CASE WHEN policies > 0 THEN 1 ELSE 0 END), 0) AS agents_with_sales,
      coalesce(sum(policies), 0) AS policies_sold, coalesce(sum(written_premium), 0) AS written_premium FROM (${ranked}) t`;
  // The page carries the totals as window aggregates, so one pass ranks and sums (a page past the end asks again).
  const [page, unmatched] = await Promise.all([
    engine.query(`
      SELECT * FROM (SELECT t.*, row_number() OVER (ORDER BY written_premium DESC, policies DESC, code) AS rank,
        count(*) OVER () AS agents, sum(CASE WHEN is_active THEN 1 ELSE 0 END) OVER () AS active_agents,
        sum(CASE WHEN policies > 0 THEN 1 ELSE 0 END) OVER () AS agents_with_sales, sum(policies) OVER () AS policies_sold, sum(written_premium) OVER () AS premium_total
        FROM (${ranked}) t) r
      WHERE rank > ${offset} AND rank <= ${offset + limit} ORDER BY rank`),
    unmatchedCount(ctx, `SELECT count(*) AS n FROM postgresql_policy p WHERE p.agent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM mysql_agents a WHERE a.code = p.agent_id)`),
  ]);
  const summary: Row | undefined = page[0] ? { ...page[0], written_premium: page[0].premium_total ?? 0 } : (await engine.query(summarySql))[0];
  return {
    summary: {
      agents: num(summary, 'agents'), active_agents: num(summary, 'active_agents'), agents_with_sales: num(summary, 'agents_with_sales'),
      sales_penetration_pct: pct(num(summary, 'agents_with_sales'), num(summary, 'agents')),
      policies_sold: num(summary, 'policies_sold'), written_premium: money(summary!.written_premium!),
    },
    total: num(summary, 'agents'),
    agents: page.map((r) => ({
      rank: num(r, 'rank'), code: String(r.code), first_name: r.first_name, last_name: r.last_name, is_active: r.is_active === null ? null : Boolean(r.is_active),
      policies: num(r, 'policies'), active_policies: num(r, 'active_policies'), written_premium: money(r.written_premium!),
      avg_premium: num(r, 'premium_n') === 0 ? null : ratio(r.premium_sum!, r.premium_n!), distinct_products: num(r, 'distinct_products'),
    })),
    meta: { snapshots: snapshotMeta(ctx, AGENT_TABLES), unmatched: { 'policy.agent_id': unmatched } },
  };
}

export async function claimsVsPoliciesAnalytics(ctx: AnalyticsContext) {
  const { engine } = ctx;
  const [rows, unmatchedClaims, unmatchedProducts] = await Promise.all([engine.query(`
    SELECT r.code, r.name, count(*) AS policies, coalesce(sum(p.premium), 0) AS written_premium,
      coalesce(sum(cl.claims), 0) AS claims, coalesce(sum(cl.claimed), 0) AS claimed_amount, coalesce(sum(cl.approved), 0) AS approved_amount
    FROM postgresql_policy p
    JOIN postgresql_product r ON r.code = p.product_id
    LEFT JOIN (SELECT poliza_id, count(*) AS claims, coalesce(sum(monto), 0) AS claimed, coalesce(sum(monto) FILTER (WHERE estado = 'Aprobado'), 0) AS approved
               FROM cassandra_reclamos GROUP BY poliza_id) cl ON cl.poliza_id = p.id
    GROUP BY r.code, r.name`),
    unmatchedCount(ctx, `SELECT count(*) AS n FROM cassandra_reclamos c WHERE c.poliza_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM postgresql_policy p WHERE p.id = c.poliza_id)`),
    unmatchedCount(ctx, `SELECT count(*) AS n FROM postgresql_policy p WHERE p.product_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM postgresql_product r WHERE r.code = p.product_id)`),
  ]);
  const figures = (policies: number, claims: number, claimed: Fraction, approved: Fraction, premium: Fraction) => ({
    policies, claims, claims_per_100_policies: pct(claims, policies), claimed_amount: round(claimed), approved_amount: round(approved),
    written_premium: round(premium), loss_ratio_pct: pct(approved, premium),
  });
  const products = rows.map((r) => ({
    code: String(r.code), name: r.name === null ? null : String(r.name),
    exact: div(fraction(r.approved_amount!), fraction(r.written_premium!)),
    ...figures(num(r, 'policies'), num(r, 'claims'), fraction(r.claimed_amount!), fraction(r.approved_amount!), fraction(r.written_premium!)),
  }));
  // loss ratio desc (nulls last), then code; best/worst compare unrounded ratios, ties to the smaller code.
  products.sort((a, b) => (a.exact === null ? (b.exact === null ? 0 : 1) : b.exact === null ? -1 : compare(b.exact, a.exact)) || byCodePoint(a.code, b.code));
  const rated = products.filter((p) => p.exact !== null);
  const pick = (better: (x: number) => boolean) => rated.reduce<(typeof rated)[number] | null>((best, p) => {
    if (!best) return p;
    const c = compare(p.exact!, best.exact!);
    return better(c) || (c === 0 && byCodePoint(p.code, best.code) < 0) ? p : best;
  }, null)?.code ?? null;
  const total = (column: string) => sumOf(rows.map((r) => r[column]!));
  return {
    products: products.map(({ exact: _exact, ...p }) => p),
    summary: figures(
      products.reduce((n, p) => n + p.policies, 0), products.reduce((n, p) => n + p.claims, 0),
      total('claimed_amount'), total('approved_amount'), total('written_premium'),
    ),
    best: pick((c) => c < 0),
    worst: pick((c) => c > 0),
    meta: { snapshots: snapshotMeta(ctx, CLAIMS_VS_POLICIES_TABLES), unmatched: { 'reclamos.poliza_id': unmatchedClaims, 'policy.product_id': unmatchedProducts } },
  };
}
