/**
 * What `primac seed` loads, checked by queries over the loaded rows: counts at a small scale, every cross-database
 * reference of SOURCES.md resolving (consistent shape), dates that make sense, determinism, and the team's loose
 * shape producing unmatched references.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { seed } from '../../src/seed/seed.ts';
import { cassandraRows, withCassandra, withMysql, withPostgres } from '../helpers/databases.ts';
import { config, missingServers } from '../helpers/servers.ts';

const skip = await missingServers(['mysql', 'postgres', 'cassandra']);
const UNTIL = Date.parse('2026-06-01T00:00:00Z');
const ALL = ['mysql', 'postgres', 'cassandra'] as const;

type Row = Record<string, unknown>;
interface Snapshot {
  users: Row[]; clients: Row[]; agents: Row[]; beneficiaries: Row[];
  product: Row[]; policy: Row[]; policy_coverage: Row[]; beneficiary: Row[];
  reclamos: Row[]; pagos: Row[]; transaction_audit: Row[];
}

/** Every row of every table, MySQL and PostgreSQL in primary-key order, Cassandra sorted by its key. */
async function readAll(): Promise<Snapshot> {
  const mysqlTables = await withMysql(async (db) => {
    const read = async (table: string, key: string) => (await db.query(`SELECT * FROM ${table} ORDER BY ${key}`))[0] as Row[];
    return { users: await read('users', 'id'), clients: await read('clients', 'user_id'), agents: await read('agents', 'id'), beneficiaries: await read('beneficiaries', 'id') };
  });
  const pgTables = await withPostgres(async (db) => {
    const read = async (table: string) => (await db.query(`SELECT * FROM ${table} ORDER BY id`)).rows as Row[];
    return { product: await read('product'), policy: await read('policy'), policy_coverage: await read('policy_coverage'), beneficiary: await read('beneficiary') };
  });
  const cassandraTables = await withCassandra(async (db) => {
    const read = async (table: string, key: string) => (await cassandraRows(db, table)).sort((a, b) => String(a[key]).localeCompare(String(b[key])));
    return { reclamos: await read('reclamos', 'reclamo_id'), pagos: await read('pagos', 'pago_id'), transaction_audit: await read('transaction_audit', 'audit_id') };
  });
  return { ...mysqlTables, ...pgTables, ...cassandraTables };
}

const day = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value)).slice(0, 10);
const instant = (value: unknown) => (value instanceof Date ? value.getTime() : Date.parse(String(value).replace(' ', 'T') + (String(value).includes('Z') ? '' : 'Z')));

describe('primac seed --shape consistent', { skip: skip ?? false }, () => {
  let data: Snapshot;
  before(async () => {
    await seed(config, { scale: 0.05, seed: 42, shape: 'consistent', until: UNTIL, loadTime: 0 }, ALL);
    data = await readAll();
  });

  test('row counts are the team volumes of SOURCES.md times the scale', () => {
    // SOURCES.md: 20k users, 15k clients, 5k agents, 20k beneficiaries; 15 products, 20k policies, ~40k coverages,
    // ~20k PostgreSQL beneficiaries; 12k claims, 20k payments, 20k audit rows. Scale 0.05:
    const exact = { users: 1000, clients: 750, agents: 250, beneficiaries: 1000, product: 15, policy: 1000, reclamos: 600, pagos: 1000, transaction_audit: 1000 };
    for (const [table, count] of Object.entries(exact)) assert.equal(data[table as keyof Snapshot].length, count, table);
    assert.ok(Math.abs(data.policy_coverage.length - 2000) < 200, `policy_coverage ${data.policy_coverage.length}`);
    assert.ok(Math.abs(data.beneficiary.length - 1000) < 150, `beneficiary ${data.beneficiary.length}`);
  });

  test('every cross-database reference resolves', () => {
    const users = new Set(data.users.map((u) => String(u.id)));
    const clients = new Set(data.clients.map((c) => String(c.user_id)));
    const agentCodes = new Set(data.agents.map((a) => a.code));
    const policies = new Set(data.policy.map((p) => String(p.id)));
    const claims = new Set(data.reclamos.map((r) => r.reclamo_id));
    const payments = new Set(data.pagos.map((p) => p.pago_id));
    const dangling = (rows: Row[], column: string, targets: Set<unknown>) => rows.filter((r) => r[column] !== null && !targets.has(String(r[column]))).length;
    assert.equal(dangling(data.policy, 'customer_id', clients), 0, 'policy.customer_id → clients.user_id');
    assert.equal(dangling(data.policy, 'agent_id', agentCodes as Set<unknown>), 0, 'policy.agent_id → agents.code');
    assert.equal(dangling(data.reclamos, 'cliente_id', clients), 0, 'reclamos.cliente_id');
    assert.equal(dangling(data.pagos, 'cliente_id', clients), 0, 'pagos.cliente_id');
    assert.equal(dangling(data.reclamos, 'poliza_id', policies), 0, 'reclamos.poliza_id → policy.id');
    assert.equal(dangling(data.pagos, 'poliza_id', policies), 0, 'pagos.poliza_id → policy.id');
    assert.equal(dangling(data.transaction_audit, 'usuario_id', users), 0, 'transaction_audit.usuario_id → users.id');
    assert.equal(dangling(data.beneficiary, 'client_id', clients), 0, 'beneficiary.client_id → clients.user_id');
    const targets: Record<string, Set<unknown>> = { Reclamo: claims, Pago: payments, Cliente: clients, Poliza: policies };
    const unresolved = data.transaction_audit.filter((a) => !targets[String(a.entidad)]?.has(String(a.referencia_id)));
    assert.equal(unresolved.length, 0, 'transaction_audit.referencia_id → the entity named in entidad');
    assert.ok(data.policy.some((p) => p.agent_id !== null), 'some policies are sold by agents');
  });

  test('claims and payments belong to the client who owns the policy, within its term', () => {
    const policies = new Map(data.policy.map((p) => [String(p.id), p]));
    for (const claim of data.reclamos) {
      const policy = policies.get(String(claim.poliza_id))!;
      assert.equal(String(claim.cliente_id), String(policy.customer_id), `claim ${claim.reclamo_id} client owns policy`);
      assert.ok(day(claim.fecha) >= day(policy.start_date), `claim ${claim.reclamo_id} after the policy starts`);
    }
    for (const payment of data.pagos) {
      const policy = policies.get(String(payment.poliza_id))!;
      assert.equal(String(payment.cliente_id), String(policy.customer_id));
      assert.ok(day(payment.fecha) >= day(policy.start_date) && day(payment.fecha) <= day(policy.end_date), `payment ${payment.pago_id} within the term`);
    }
  });

  test('history: users over 3+ years with growth, nothing after the end, policies after registration', () => {
    const created = data.users.map((u) => instant(u.created_at)).sort((a, b) => a - b);
    const years = (created.at(-1)! - created[0]!) / (365.25 * 86_400_000);
    assert.ok(years >= 3, `users span ${years.toFixed(1)} years`);
    const firstYear = created.filter((t) => t < created[0]! + 365 * 86_400_000).length;
    const lastYear = created.filter((t) => t >= UNTIL - 365 * 86_400_000).length;
    assert.ok(lastYear > 1.5 * firstYear, `growth: ${firstYear} users in the first year, ${lastYear} in the last`);
    const states = new Set(data.users.map((u) => u.state));
    assert.ok(states.size >= 20, `${states.size} regions`);
    for (const rows of [data.reclamos, data.pagos, data.transaction_audit]) for (const r of rows) assert.ok(instant(r.fecha) < UNTIL);
    for (const u of data.users) assert.ok(instant(u.created_at) < UNTIL);
    const registered = new Map(data.users.map((u) => [String(u.id), day(u.created_at)]));
    for (const p of data.policy) assert.ok(day(p.start_date) >= registered.get(String(p.customer_id))!, `policy ${p.id} starts after its customer registered`);
    const statuses = new Set(data.policy.map((p) => p.status));
    assert.deepEqual([...statuses].sort(), ['ACTIVE', 'CANCELLED', 'EXPIRED']);
    assert.deepEqual(new Set(data.reclamos.map((r) => r.estado)), new Set(['Pendiente', 'Aprobado', 'Rechazado']));
    assert.deepEqual(new Set(data.pagos.map((r) => r.metodo)), new Set(['Tarjeta', 'Transferencia', 'Efectivo', 'Yape', 'Plin']));
  });
});

describe('primac seed is deterministic', { skip: skip ?? false }, () => {
  test('the same seed gives the same rows; another seed other rows', async () => {
    const options = { scale: 0.01, shape: 'consistent' as const, until: UNTIL, loadTime: 0 };
    const fingerprint = async () => JSON.stringify(await readAll());
    await seed(config, { ...options, seed: 7 }, ALL);
    const first = await fingerprint();
    await seed(config, { ...options, seed: 7 }, ALL);
    assert.equal(await fingerprint(), first);
    await seed(config, { ...options, seed: 8 }, ALL);
    assert.notEqual(await fingerprint(), first);
  });
});

describe('primac seed --shape team', { skip: skip ?? false }, () => {
  let data: Snapshot;
  before(async () => {
    await seed(config, { scale: 0.05, seed: 42, shape: 'team', until: UNTIL, loadTime: Date.parse('2026-05-20T10:00:00Z') }, ALL);
    data = await readAll();
  });

  test('references are loose: agent codes never match, customers and policies often do not', () => {
    const agentCodes = new Set(data.agents.map((a) => a.code));
    const clients = new Set(data.clients.map((c) => String(c.user_id)));
    const owner = new Map(data.policy.map((p) => [String(p.id), String(p.customer_id)]));
    assert.equal(data.policy.filter((p) => agentCodes.has(p.agent_id as string)).length, 0);
    assert.ok(data.policy.every((p) => /^AGT0\d\d$/.test(String(p.agent_id))), 'policies use AGT001–AGT050');
    assert.ok(data.agents.every((a) => /^AGT(1[5-9]\d{3}|20000)$/.test(String(a.code))), 'agents are AGT15001–AGT20000');
    assert.ok(data.policy.filter((p) => !clients.has(String(p.customer_id))).length > 0, 'some policy.customer_id match no client');
    assert.ok(data.reclamos.filter((r) => owner.get(String(r.poliza_id)) !== String(r.cliente_id)).length > data.reclamos.length / 2, 'claims name clients that do not own the policy');
  });

  test('every MySQL created_at is the load time', () => {
    for (const table of ['users', 'clients', 'beneficiaries'] as const) {
      const distinct = new Set(data[table].map((r) => String(r.created_at)));
      assert.deepEqual([...distinct], ['2026-05-20 10:00:00'], table);
    }
  });
});
