/** GET /mysql/analytics/users — RESPONSES.md. */
import { category, num, queryAll, snapshotMeta, type AnalyticsContext } from './context.ts';
import { pct } from './exact.ts';
import { addDays, AGE_BANDS, ageBandExpression, dateLiteral, monthKeyOf, monthNumber, monthsEnding } from './window.ts';

export const USERS_TABLES = ['mysql_users', 'mysql_clients'];

export async function usersAnalytics(ctx: AnalyticsContext) {
  const { engine, asOf } = ctx;
  const d = engine.dialect;
  const created = d.utcDate('created_at');
  const months = monthsEnding(asOf, 12);
  const D = dateLiteral(asOf);

  const q = await queryAll(ctx, {
    totals: `
      SELECT count(*) AS total,
        count(*) FILTER (WHERE ${created} BETWEEN ${dateLiteral(addDays(asOf, -29))} AND ${D}) AS recent,
        count(*) FILTER (WHERE email IS NULL OR ${d.text('email')} = '') AS missing_emails,
        count(*) FILTER (WHERE phone IS NULL OR ${d.text('phone')} = '') AS missing_phones,
        count(*) FILTER (WHERE role IS NULL OR ${d.text('role')} = '') AS without_role
      FROM mysql_users`,
    roles: `SELECT ${category(d, 'role')} AS role, count(*) AS users FROM mysql_users GROUP BY 1`,
    states: `SELECT ${category(d, 'state')} AS state, count(*) AS users FROM mysql_users GROUP BY 1 ORDER BY users DESC, state`,
    cities: `
      SELECT ${d.text('city')} AS city, count(*) AS users FROM mysql_users WHERE city IS NOT NULL AND ${d.text('city')} <> ''
      GROUP BY 1 ORDER BY users DESC, city LIMIT 10`,
    monthly: `
      SELECT ${monthNumber(created)} AS month, count(*) AS users FROM mysql_users
      WHERE ${created} BETWEEN ${dateLiteral(months[0]!.first)} AND ${D} GROUP BY 1`,
    // Users whose trimmed, lower-cased e-mail is shared with another user (blank addresses are missing, not shared).
    duplicates: `
      SELECT coalesce(sum(n), 0) AS users FROM (
        SELECT count(*) AS n FROM mysql_users WHERE email IS NOT NULL AND ${d.trim(d.text('email'))} <> ''
        GROUP BY lower(${d.trim(d.text('email'))}) HAVING count(*) > 1) t`,
    clients: 'SELECT count(*) AS total FROM mysql_clients',
    bands: `SELECT ${ageBandExpression('birth_date', asOf)} AS band, count(*) AS clients FROM mysql_clients GROUP BY 1`,
    documents: `SELECT ${category(d, 'document_type')} AS document_type, count(*) AS clients FROM mysql_clients GROUP BY 1 ORDER BY clients DESC, document_type`,
  });
  const totals = q.totals[0];
  const total = num(totals, 'total');
  const { roles, states, cities, monthly, bands, documents } = q;
  const duplicates = q.duplicates[0];
  const clients = q.clients[0];

  const byRole: Record<string, number> = { ADMIN: 0, USER: 0, AGENT: 0, UNKNOWN: 0 };
  for (const r of roles) byRole[String(r.role)] = num(r, 'users');
  const perMonth = new Map(monthly.map((r) => [monthKeyOf(num(r, 'month')), num(r, 'users')]));
  const perBand = new Map(bands.map((r) => [String(r.band), num(r, 'clients')]));
  return {
    total_users: total,
    users_by_role: byRole,
    users_by_state: states.map((r) => ({ state: String(r.state), users: num(r, 'users'), share_pct: pct(num(r, 'users'), total) })),
    top_cities: cities.map((r) => ({ city: String(r.city), users: num(r, 'users') })),
    recent_registrations: num(totals, 'recent'),
    monthly_registrations: months.map((m) => ({ month: m.key, users: perMonth.get(m.key) ?? 0 })),
    client_demographics: {
      total_clients: num(clients, 'total'),
      by_age_band: AGE_BANDS.map((band) => ({ band, clients: perBand.get(band) ?? 0 })),
      by_document_type: documents.map((r) => ({ document_type: String(r.document_type), clients: num(r, 'clients') })),
    },
    data_quality: {
      missing_emails: num(totals, 'missing_emails'),
      missing_phones: num(totals, 'missing_phones'),
      duplicate_emails: num(duplicates, 'users'),
      users_without_role: num(totals, 'without_role'),
    },
    meta: { snapshots: snapshotMeta(ctx, USERS_TABLES), unmatched: {} as Record<string, number> },
  };
}
