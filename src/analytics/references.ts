/** GET /quality/references: every cross-database reference of SOURCES.md — total, matched, unmatched, examples. */
import type { AnalyticsContext } from './context.ts';
import { num } from './context.ts';

/** `refs` yields (ref) values, `targets` yields (k) values; both as text so that ids and codes compare alike. */
export interface Reference { readonly from: string; readonly to: string; readonly tables: readonly string[]; readonly refs: string; readonly targets: string }

const reference = (from: string, to: string, tables: string[], refs: string, targets: string): Reference => ({ from, to, tables, refs, targets });

export function references(text: (e: string) => string): Reference[] {
  const clients = `SELECT DISTINCT ${text('user_id')} AS k FROM mysql_clients`;
  const policies = `SELECT DISTINCT ${text('id')} AS k FROM postgresql_policy`;
  return [
    reference('policy.customer_id', 'clients.user_id', ['postgresql_policy', 'mysql_clients'], `SELECT ${text('customer_id')} AS ref FROM postgresql_policy WHERE customer_id IS NOT NULL`, clients),
    reference('policy.agent_id', 'agents.code', ['postgresql_policy', 'mysql_agents'], `SELECT ${text('agent_id')} AS ref FROM postgresql_policy WHERE agent_id IS NOT NULL`, `SELECT DISTINCT ${text('code')} AS k FROM mysql_agents`),
    reference('reclamos.cliente_id', 'clients.user_id', ['cassandra_reclamos', 'mysql_clients'], `SELECT ${text('cliente_id')} AS ref FROM cassandra_reclamos WHERE cliente_id IS NOT NULL`, clients),
    reference('pagos.cliente_id', 'clients.user_id', ['cassandra_pagos', 'mysql_clients'], `SELECT ${text('cliente_id')} AS ref FROM cassandra_pagos WHERE cliente_id IS NOT NULL`, clients),
    reference('reclamos.poliza_id', 'policy.id', ['cassandra_reclamos', 'postgresql_policy'], `SELECT ${text('poliza_id')} AS ref FROM cassandra_reclamos WHERE poliza_id IS NOT NULL`, policies),
    reference('pagos.poliza_id', 'policy.id', ['cassandra_pagos', 'postgresql_policy'], `SELECT ${text('poliza_id')} AS ref FROM cassandra_pagos WHERE poliza_id IS NOT NULL`, policies),
    reference('transaction_audit.usuario_id', 'users.id', ['cassandra_transaction_audit', 'mysql_users'], `SELECT ${text('usuario_id')} AS ref FROM cassandra_transaction_audit WHERE usuario_id IS NOT NULL`, `SELECT DISTINCT ${text('id')} AS k FROM mysql_users`),
    reference('transaction_audit.referencia_id', 'the entity named in entidad', ['cassandra_transaction_audit', 'cassandra_reclamos', 'cassandra_pagos', 'mysql_clients', 'postgresql_policy'],
      `SELECT ${text('entidad')} || ':' || ${text('referencia_id')} AS ref FROM cassandra_transaction_audit WHERE referencia_id IS NOT NULL`,
      `SELECT 'Reclamo:' || ${text('reclamo_id')} AS k FROM cassandra_reclamos UNION SELECT 'Pago:' || ${text('pago_id')} FROM cassandra_pagos
       UNION SELECT 'Cliente:' || ${text('user_id')} FROM mysql_clients UNION SELECT 'Poliza:' || ${text('id')} FROM postgresql_policy`),
    reference('beneficiary.client_id', 'clients.user_id', ['postgresql_beneficiary', 'mysql_clients'], `SELECT ${text('client_id')} AS ref FROM postgresql_beneficiary WHERE client_id IS NOT NULL`, clients),
  ];
}

export async function referenceReport(ctx: AnalyticsContext) {
  const text = ctx.engine.dialect.text;
  // Independent queries: the engine answers them in parallel (remote engines' latency is paid once, not 18 times).
  return Promise.all(references(text).map(async (ref) => {
    if (!ref.tables.every((t) => ctx.snapshots.has(t))) {
      return { reference: ref.from, target: ref.to, available: false, total: 0, matched: 0, unmatched: 0, examples: [] as string[] };
    }
    const head = `WITH refs AS (${ref.refs}), targets AS (${ref.targets})`;
    const [[counts], examples] = await Promise.all([
      ctx.engine.query(`${head} SELECT count(*) AS total, count(t.k) AS matched FROM refs r LEFT JOIN targets t ON t.k = r.ref`),
      ctx.engine.query(`${head} SELECT DISTINCT r.ref FROM refs r LEFT JOIN targets t ON t.k = r.ref WHERE t.k IS NULL ORDER BY r.ref LIMIT 5`),
    ]);
    const total = num(counts, 'total');
    const matched = num(counts, 'matched');
    return { reference: ref.from, target: ref.to, available: true, total, matched, unmatched: total - matched, examples: examples.map((e) => String(e.ref)) };
  }));
}
