/** GET /postgresql/analytics/products and /postgresql/analytics/product-profitability — RESPONSES.md. */
import { byCodePoint, category, num, percentiles, snapshotMeta, type AnalyticsContext } from './context.ts';
import { compare, fraction, money, pct, ratio, round, sumOf } from './exact.ts';

export const PRODUCTS_TABLES = ['postgresql_product', 'postgresql_policy', 'postgresql_policy_coverage'];
export const PROFITABILITY_TABLES = ['postgresql_product', 'postgresql_policy'];

/** Policies whose non-null product_id matches no product.code. */
const UNMATCHED_PRODUCT = `SELECT count(*) AS n FROM postgresql_policy p WHERE p.product_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM postgresql_product r WHERE r.code = p.product_id)`;

export async function productsAnalytics(ctx: AnalyticsContext) {
  const { engine } = ctx;
  const d = engine.dialect;
  const [[totals], types, median, perProduct, [coverage], [unmatchedProduct], [unmatchedCoverage]] = await Promise.all([
    engine.query(`SELECT count(*) AS products, min(base_premium) AS min, max(base_premium) AS max, sum(base_premium) AS sum, count(base_premium) AS n FROM postgresql_product`),
    engine.query(`SELECT ${category(d, 'product_type')} AS product_type, count(*) AS products FROM postgresql_product GROUP BY 1 ORDER BY products DESC, product_type`),
    percentiles(ctx, 'SELECT base_premium AS v FROM postgresql_product WHERE base_premium IS NOT NULL', [50]).then((m) => m.get(50) ?? null),
    engine.query(`
    SELECT r.code, r.name, count(p.product_id) AS policies, count(*) FILTER (WHERE p.status = 'ACTIVE') AS active_policies
    FROM postgresql_product r LEFT JOIN postgresql_policy p ON p.product_id = r.code
    GROUP BY r.code, r.name ORDER BY policies DESC, r.code`),
    engine.query(`
    SELECT (SELECT count(*) FROM postgresql_policy) AS policies,
      count(DISTINCT c.policy_id) AS with_coverage, count(*) AS coverages,
      sum(c.coverage_limit) AS limit_sum, count(c.coverage_limit) AS limit_n, sum(c.deductible) AS deductible_sum, count(c.deductible) AS deductible_n
    FROM postgresql_policy_coverage c WHERE EXISTS (SELECT 1 FROM postgresql_policy p WHERE p.id = c.policy_id)`),
    engine.query(UNMATCHED_PRODUCT),
    engine.query(`SELECT count(*) AS n FROM postgresql_policy_coverage c WHERE c.policy_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM postgresql_policy p WHERE p.id = c.policy_id)`),
  ]);

  const policies = perProduct.map((r) => ({ code: String(r.code), name: r.name === null ? null : String(r.name), policies: num(r, 'policies'), active_policies: num(r, 'active_policies') }));
  return {
    total_products: num(totals, 'products'),
    products_by_type: types.map((r) => ({ product_type: String(r.product_type), products: num(r, 'products') })),
    base_premium: { min: money(totals!.min!), max: money(totals!.max!), avg: num(totals, 'n') === 0 ? null : ratio(totals!.sum!, totals!.n!), median: round(median) },
    policies_per_product: policies,
    best_sellers: policies.filter((p) => p.policies > 0).slice(0, 5),
    coverage: {
      policies: num(coverage, 'policies'),
      policies_with_coverage: num(coverage, 'with_coverage'),
      coverages: num(coverage, 'coverages'),
      coverages_per_policy: ratio(num(coverage, 'coverages'), num(coverage, 'with_coverage')),
      avg_coverage_limit: num(coverage, 'limit_n') === 0 ? null : ratio(coverage!.limit_sum!, coverage!.limit_n!),
      avg_deductible: num(coverage, 'deductible_n') === 0 ? null : ratio(coverage!.deductible_sum!, coverage!.deductible_n!),
    },
    meta: { snapshots: snapshotMeta(ctx, PRODUCTS_TABLES), unmatched: { 'policy.product_id': num(unmatchedProduct, 'n'), 'policy_coverage.policy_id': num(unmatchedCoverage, 'n') } },
  };
}

export async function profitabilityAnalytics(ctx: AnalyticsContext) {
  const { engine } = ctx;
  const d = engine.dialect;
  const [rows, [unmatched]] = await Promise.all([engine.query(`
    SELECT r.code, r.name, ${category(d, 'r.product_type')} AS product_type, count(*) AS policies,
      count(*) FILTER (WHERE p.status = 'ACTIVE') AS active_policies,
      coalesce(sum(p.premium), 0) AS written_premium, count(p.premium) AS premium_n, coalesce(sum(p.sum_insured), 0) AS sum_insured
    FROM postgresql_policy p JOIN postgresql_product r ON r.code = p.product_id
    GROUP BY r.code, r.name, r.product_type`), engine.query(UNMATCHED_PRODUCT)]);
  const products = rows.map((r) => ({
    code: String(r.code), name: r.name === null ? null : String(r.name), product_type: String(r.product_type),
    policies: num(r, 'policies'), active_policies: num(r, 'active_policies'),
    premium: String(r.written_premium), premiumN: num(r, 'premium_n'), insured: String(r.sum_insured),
  }));
  // Ranked by the exact written premium, then code (code-point order).
  products.sort((a, b) => compare(fraction(b.premium), fraction(a.premium)) || byCodePoint(a.code, b.code));
  const totalPremium = sumOf(products.map((p) => p.premium));
  const totalInsured = sumOf(products.map((p) => p.insured));
  return {
    products: products.map((p, i) => ({
      rank: i + 1, code: p.code, name: p.name, product_type: p.product_type, policies: p.policies, active_policies: p.active_policies,
      written_premium: money(p.premium), avg_premium: p.premiumN === 0 ? null : ratio(p.premium, p.premiumN),
      sum_insured: money(p.insured), premium_to_exposure_pct: pct(p.premium, p.insured),
    })),
    summary: {
      products_with_policies: products.length,
      policies: products.reduce((n, p) => n + p.policies, 0),
      active_policies: products.reduce((n, p) => n + p.active_policies, 0),
      written_premium: round(totalPremium), sum_insured: round(totalInsured), premium_to_exposure_pct: pct(totalPremium, totalInsured),
    },
    meta: { snapshots: snapshotMeta(ctx, PROFITABILITY_TABLES), unmatched: { 'policy.product_id': num(unmatched, 'n') } },
  };
}
