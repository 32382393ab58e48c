/** GET /cassandra/analytics/claims and /cassandra/analytics/claims-payments-correlation — RESPONSES.md. */
import { category, num, percentiles, snapshotMeta, type AnalyticsContext } from './context.ts';
import { money, pct, ratio, round } from './exact.ts';
import { addDays, dateLiteral, monthKeyOf, monthNumber, monthsEnding, type Month } from './window.ts';

export const CLAIMS_TABLES = ['cassandra_reclamos'];
export const CORRELATION_TABLES = ['cassandra_reclamos', 'cassandra_pagos'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const BANDS: readonly [string, string][] = [
  ['<1K', 'monto < 1000'], ['1K-5K', 'monto >= 1000 AND monto < 5000'], ['5K-10K', 'monto >= 5000 AND monto < 10000'],
  ['10K-50K', 'monto >= 10000 AND monto < 50000'], ['50K+', 'monto >= 50000'],
];

/** count and exact sum per month of the window, keyed YYYY-MM. */
async function perMonth(ctx: AnalyticsContext, table: string, months: readonly Month[], where = 'TRUE') {
  const day = ctx.engine.dialect.utcDate('fecha');
  const rows = await ctx.engine.query(`
    SELECT ${monthNumber(day)} AS month, count(*) AS n, coalesce(sum(monto), 0) AS amount FROM ${table}
    WHERE ${where} AND ${day} BETWEEN ${dateLiteral(months[0]!.first)} AND ${dateLiteral(ctx.asOf)} GROUP BY 1`);
  return new Map(rows.map((r) => [monthKeyOf(num(r, 'month')), { n: num(r, 'n'), amount: r.amount! }]));
}

export async function claimsAnalytics(ctx: AnalyticsContext) {
  const { engine, asOf } = ctx;
  const d = engine.dialect;
  const day = d.utcDate('fecha');
  const months = monthsEnding(asOf, 12);
  // Independent queries: the engine answers them in parallel.
  const [[totals], statuses, bands, weekdays, stats, monthly] = await Promise.all([
    engine.query(`
      SELECT count(*) AS total, coalesce(sum(monto), 0) AS sum, count(monto) AS n, min(monto) AS min, max(monto) AS max,
        count(*) FILTER (WHERE ${day} BETWEEN ${dateLiteral(addDays(asOf, -29))} AND ${dateLiteral(asOf)}) AS recent
      FROM cassandra_reclamos`),
    engine.query(`SELECT ${category(d, 'estado')} AS estado, count(*) AS claims, coalesce(sum(monto), 0) AS amount FROM cassandra_reclamos GROUP BY 1 ORDER BY claims DESC, estado`),
    engine.query(BANDS.map(([band, cond]) => `SELECT '${band}' AS band, count(*) AS claims, coalesce(sum(monto), 0) AS amount FROM cassandra_reclamos WHERE ${cond}`).join(' UNION ALL ')),
    engine.query(`SELECT ${d.isoDayOfWeek(day)} AS dow, count(*) AS claims FROM cassandra_reclamos GROUP BY 1`),
    percentiles(ctx, 'SELECT monto AS v FROM cassandra_reclamos WHERE monto IS NOT NULL', [50, 90]),
    perMonth(ctx, 'cassandra_reclamos', months),
  ]);
  const byBand = new Map(bands.map((r) => [String(r.band), r]));
  const byDow = new Map(weekdays.map((r) => [num(r, 'dow'), num(r, 'claims')]));
  const n = num(totals, 'n');
  return {
    total_claims: num(totals, 'total'),
    claims_by_status: statuses.map((r) => ({ estado: String(r.estado), claims: num(r, 'claims'), amount: money(r.amount!) })),
    amount: {
      sum: money(totals!.sum!), mean: n === 0 ? null : ratio(totals!.sum!, n), median: round(stats.get(50) ?? null), p90: round(stats.get(90) ?? null),
      min: money(totals!.min!), max: money(totals!.max!),
    },
    amount_bands: BANDS.map(([band]) => ({ band, claims: num(byBand.get(band), 'claims'), amount: money(byBand.get(band)?.amount ?? 0) })),
    monthly: months.map((m) => ({ month: m.key, claims: monthly.get(m.key)?.n ?? 0, amount: money(monthly.get(m.key)?.amount ?? 0) })),
    by_weekday: WEEKDAYS.map((weekday, i) => ({ weekday, claims: byDow.get(i + 1) ?? 0 })),
    recent_claims: num(totals, 'recent'),
    meta: { snapshots: snapshotMeta(ctx, CLAIMS_TABLES), unmatched: {} as Record<string, number> },
  };
}

/** Pearson correlation of two series, 4 decimals; null when either is constant. */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return null;
  const r = sxy / Math.sqrt(sxx * syy);
  return Math.round(Math.min(1, Math.max(-1, r)) * 10_000) / 10_000;
}

export async function correlationAnalytics(ctx: AnalyticsContext) {
  const { engine, asOf } = ctx;
  const d = engine.dialect;
  const months = monthsEnding(asOf, 12);
  const [[claims], [payments], methods, claimMonths, paymentMonths, [gaps]] = await Promise.all([
    engine.query(`
    SELECT count(*) AS total, count(*) FILTER (WHERE estado = 'Aprobado') AS approved, count(*) FILTER (WHERE estado = 'Rechazado') AS rejected,
      count(*) FILTER (WHERE estado = 'Pendiente') AS pending, coalesce(sum(monto) FILTER (WHERE estado = 'Aprobado'), 0) AS approved_amount
    FROM cassandra_reclamos`),
    engine.query(`
    SELECT count(*) AS total, count(*) FILTER (WHERE estado = 'Procesado') AS processed, coalesce(sum(monto) FILTER (WHERE estado = 'Procesado'), 0) AS processed_amount
    FROM cassandra_pagos`),
    engine.query(`
    SELECT ${category(d, 'metodo')} AS metodo, count(*) AS payments, count(*) FILTER (WHERE estado = 'Procesado') AS processed,
      coalesce(sum(monto) FILTER (WHERE estado = 'Procesado'), 0) AS processed_amount
    FROM cassandra_pagos GROUP BY 1 ORDER BY payments DESC, metodo`),
    perMonth(ctx, 'cassandra_reclamos', months),
    perMonth(ctx, 'cassandra_pagos', months, "estado = 'Procesado'"),
    // For each claim, the first processed payment on the same policy at or after it (not windowed). The total of
    // milliseconds is a DECIMAL: beyond 2^53 a BIGINT would reach JavaScript rounded (Trino sends JSON numbers).
    engine.query(`
    SELECT count(*) AS claims, CAST(coalesce(sum(gap), 0) AS DECIMAL(38, 0)) AS total_ms FROM (
      SELECT min(${d.epochMillis('p.fecha')} - ${d.epochMillis('c.fecha')}) AS gap
      FROM cassandra_reclamos c JOIN cassandra_pagos p ON p.poliza_id = c.poliza_id AND p.fecha >= c.fecha AND p.estado = 'Procesado'
      WHERE c.poliza_id IS NOT NULL
      GROUP BY c.cliente_id, c.fecha, c.reclamo_id) t`),
  ]);

  const monthly = months.map((m) => ({
    month: m.key,
    claims: claimMonths.get(m.key)?.n ?? 0, claims_amount: money(claimMonths.get(m.key)?.amount ?? 0),
    payments: paymentMonths.get(m.key)?.n ?? 0, payments_amount: money(paymentMonths.get(m.key)?.amount ?? 0),
  }));
  const approved = num(claims, 'approved');
  const rejected = num(claims, 'rejected');
  const withPayment = num(gaps, 'claims');
  return {
    claims: {
      total: num(claims, 'total'), approved, rejected, pending: num(claims, 'pending'), approved_amount: money(claims!.approved_amount!),
      approval_rate_pct: pct(approved, approved + rejected), pending_pct: pct(num(claims, 'pending'), num(claims, 'total')),
    },
    payments: {
      total: num(payments, 'total'), processed: num(payments, 'processed'), processed_amount: money(payments!.processed_amount!),
      success_rate_pct: pct(num(payments, 'processed'), num(payments, 'total')),
      by_method: methods.map((r) => ({
        metodo: String(r.metodo), payments: num(r, 'payments'), processed: num(r, 'processed'), processed_amount: money(r.processed_amount!),
        success_rate_pct: pct(num(r, 'processed'), num(r, 'payments')),
      })),
    },
    cash_loss_ratio_pct: pct(claims!.approved_amount!, payments!.processed_amount!),
    monthly,
    correlation: {
      count_pearson: pearson(monthly.map((m) => m.claims), monthly.map((m) => m.payments)),
      amount_pearson: pearson(monthly.map((m) => Number(claimMonths.get(m.month)?.amount ?? 0)), monthly.map((m) => Number(paymentMonths.get(m.month)?.amount ?? 0))),
    },
    claim_to_payment: { claims_with_next_payment: withPayment, mean_days: withPayment === 0 ? null : ratio(gaps!.total_ms!, withPayment * 86_400_000) },
    meta: { snapshots: snapshotMeta(ctx, CORRELATION_TABLES), unmatched: {} as Record<string, number> },
  };
}
