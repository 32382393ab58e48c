/** GET /mysql/analytics/growth-by-state?months=N — RESPONSES.md. */
import { byCodePoint, category, num, snapshotMeta, type AnalyticsContext } from './context.ts';
import { pct } from './exact.ts';
import { dateLiteral, monthKeyOf, monthNumber, monthsEnding } from './window.ts';

export const GROWTH_TABLES = ['mysql_users'];

export async function growthAnalytics(ctx: AnalyticsContext, monthsWanted: number) {
  const { engine, asOf } = ctx;
  const d = engine.dialect;
  const created = d.utcDate('created_at');
  const months = monthsEnding(asOf, monthsWanted);
  // The last full month and the one before it: independent of `months`.
  const [previous, last] = monthsEnding(asOf, 3).slice(0, 2) as [ReturnType<typeof monthsEnding>[number], ReturnType<typeof monthsEnding>[number]];
  const from = months[0]!.first;
  const rows = await engine.query(`
    SELECT ${category(d, 'state')} AS state, ${monthNumber(created)} AS month, count(*) AS users
    FROM mysql_users WHERE ${created} BETWEEN ${dateLiteral(from)} AND ${dateLiteral(asOf)} GROUP BY 1, 2`);
  const lastTwo = await engine.query(`
    SELECT ${category(d, 'state')} AS state, ${monthNumber(created)} AS month, count(*) AS users
    FROM mysql_users WHERE ${created} BETWEEN ${dateLiteral(previous.first)} AND ${dateLiteral(last.last)} GROUP BY 1, 2`);

  const byState = new Map<string, Map<string, number>>();
  const total = new Map<string, number>();
  for (const r of rows) {
    const key = monthKeyOf(num(r, 'month'));
    const state = String(r.state);
    if (!byState.has(state)) byState.set(state, new Map());
    byState.get(state)!.set(key, num(r, 'users'));
    total.set(key, (total.get(key) ?? 0) + num(r, 'users'));
  }
  const states = [...byState].map(([state, perMonth]) => ({
    state,
    new_users: [...perMonth.values()].reduce((a, b) => a + b, 0),
    months: months.map((m) => ({ month: m.key, users: perMonth.get(m.key) ?? 0 })),
  })).sort((a, b) => b.new_users - a.new_users || byCodePoint(a.state, b.state));

  const pair = new Map<string, { users: number; previous_users: number }>();
  for (const r of lastTwo) {
    const state = String(r.state);
    const entry = pair.get(state) ?? { users: 0, previous_users: 0 };
    if (monthKeyOf(num(r, 'month')) === last.key) entry.users += num(r, 'users');
    else entry.previous_users += num(r, 'users');
    pair.set(state, entry);
  }
  const lastUsers = [...pair.values()].reduce((n, p) => n + p.users, 0);
  const previousUsers = [...pair.values()].reduce((n, p) => n + p.previous_users, 0);
  const growing = [...pair].map(([state, p]) => ({ state, users: p.users, previous_users: p.previous_users, change_pct: pct(p.users - p.previous_users, p.previous_users) }))
    .sort((a, b) => (b.users - b.previous_users) - (a.users - a.previous_users) || byCodePoint(a.state, b.state))
    .slice(0, 10);

  return {
    months: monthsWanted,
    window: { from: months[0]!.key, to: months.at(-1)!.key },
    total_new_users: [...total.values()].reduce((a, b) => a + b, 0),
    monthly_growth: months.map((m) => ({ month: m.key, users: total.get(m.key) ?? 0 })),
    by_state: states,
    growth_rate: { month: last.key, previous_month: previous.key, users: lastUsers, previous_users: previousUsers, change_pct: pct(lastUsers - previousUsers, previousUsers) },
    top_growing_states: growing,
    meta: { snapshots: snapshotMeta(ctx, GROWTH_TABLES), unmatched: {} as Record<string, number> },
  };
}
