/**
 * The seeded schemas, read back by introspection, against SOURCES.md written out here by hand (not the seeder's
 * own DDL): names, types, nullability, keys, foreign keys, Cassandra partition keys and DESC clustering.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { seed } from '../../src/seed/seed.ts';
import { withCassandra, withMysql, withPostgres } from '../helpers/databases.ts';
import { config, missingServers } from '../helpers/servers.ts';

const skip = await missingServers(['mysql', 'postgres', 'cassandra']);

const STATES = 'AMAZONAS,ANCASH,APURIMAC,AREQUIPA,AYACUCHO,CAJAMARCA,CALLAO,CUSCO,HUANCAVELICA,HUANUCO,ICA,JUNIN,LA_LIBERTAD,LAMBAYEQUE,LIMA,LORETO,MADRE_DE_DIOS,MOQUEGUA,PASCO,PIURA,PUNO,SAN_MARTIN,TACNA,TUMBES,UCAYALI'
  .split(',').map((s) => `'${s}'`).join(',');

// column: type, nullable ('NULL' when the column may be null)
const MYSQL: Record<string, Record<string, string>> = {
  users: {
    id: 'bigint auto_increment', username: 'varchar(100)', email: 'varchar(150)', password: 'varchar(255)',
    role: "enum('ADMIN','USER','AGENT') NULL", phone: 'int', created_at: 'datetime', updated_at: 'datetime',
    street: 'varchar(255)', city: 'varchar(100)', state: `enum(${STATES})`,
  },
  clients: {
    user_id: 'bigint', first_name: 'varchar(100)', last_name: 'varchar(100)', document_type: 'varchar(50)',
    document_number: 'varchar(50)', birth_date: 'date', created_at: 'datetime', updated_at: 'datetime',
  },
  agents: { id: 'bigint auto_increment', code: 'varchar(50)', first_name: 'varchar(100)', last_name: 'varchar(100)', is_active: 'tinyint(1)', user_id: 'bigint NULL' },
  beneficiaries: {
    id: 'bigint auto_increment', client_id: 'bigint', first_name: 'varchar(100)', last_name: 'varchar(100)', document_type: 'varchar(50)',
    document_number: 'varchar(50)', birth_date: 'date', relationship: 'varchar(50)', created_at: 'datetime', updated_at: 'datetime',
  },
};
const MYSQL_PRIMARY = { users: 'id', clients: 'user_id', agents: 'id', beneficiaries: 'id' };
const MYSQL_UNIQUE = ['users.email', 'users.phone', 'agents.code', 'beneficiaries.document_number'];
const MYSQL_FOREIGN = ['clients.user_id -> users.id', 'agents.user_id -> users.id', 'beneficiaries.client_id -> clients.user_id'];

const POSTGRES: Record<string, Record<string, string>> = {
  product: { id: 'serial', code: 'varchar(50)', name: 'varchar(255)', description: 'text NULL', product_type: 'varchar(50) NULL', base_premium: 'numeric(12,2) NULL' },
  policy: {
    id: 'serial', policy_number: 'varchar(100)', customer_id: 'integer', product_id: 'varchar(50)', agent_id: 'varchar(50) NULL',
    start_date: 'date NULL', end_date: 'date NULL', sum_insured: 'numeric(14,2) NULL', premium: 'numeric(12,2) NULL',
    status: 'varchar(50) NULL', created_at: 'timestamptz NULL',
  },
  policy_coverage: { id: 'serial', policy_id: 'integer', coverage_code: 'varchar(100)', coverage_name: 'varchar(255)', coverage_limit: 'numeric(14,2)', deductible: 'numeric(12,2)' },
  beneficiary: { id: 'bigserial', policy_id: 'bigint', client_id: 'bigint', full_name: 'varchar(255)', relationship: 'varchar(50)', percentage: 'numeric(5,2) NULL', contact_info: 'text NULL' },
};
const POSTGRES_UNIQUE = ['product.code', 'policy.policy_number'];
const POSTGRES_FOREIGN = ['policy.product_id -> product.code', 'policy_coverage.policy_id -> policy.id', 'beneficiary.policy_id -> policy.id'];

// column: type, role (pk = partition key, ck asc|desc = clustering with its order, in key order)
const CASSANDRA: Record<string, Record<string, string>> = {
  reclamos: { cliente_id: 'int pk', fecha: 'timestamp ck desc', reclamo_id: 'uuid ck asc', poliza_id: 'int', estado: 'text', monto: 'decimal', descripcion: 'text' },
  pagos: { cliente_id: 'int pk', fecha: 'timestamp ck desc', pago_id: 'uuid ck asc', poliza_id: 'int', monto: 'decimal', metodo: 'text', estado: 'text' },
  transaction_audit: {
    servicio: 'text pk', fecha: 'timestamp ck desc', audit_id: 'uuid ck asc', operacion: 'text', entidad: 'text',
    referencia_id: 'text', usuario_id: 'int', detalle: 'text',
  },
};

describe('seeded schemas match SOURCES.md', { skip: skip ?? false }, () => {
  before(async () => {
    await seed(config, { scale: 0.01, seed: 1, shape: 'consistent', until: Date.parse('2026-06-01T00:00:00Z'), loadTime: 0 }, ['mysql', 'postgres', 'cassandra']);
  });

  test('MySQL: tables, columns, types, nullability', async () => {
    const rows = await withMysql(async (db) => (await db.query(
      `SELECT TABLE_NAME t, COLUMN_NAME c, COLUMN_TYPE type, IS_NULLABLE n, EXTRA extra FROM information_schema.COLUMNS
       WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN ('users','clients','agents','beneficiaries') ORDER BY TABLE_NAME, ORDINAL_POSITION`))[0] as Record<string, string>[]);
    const actual: Record<string, Record<string, string>> = {};
    for (const r of rows) {
      const type = r.type!.replace(/^(bigint|int)\(\d+\)/, '$1').replace(/ unsigned$/, '');
      const parts = [type, r.extra === 'auto_increment' ? 'auto_increment' : '', r.n === 'YES' ? 'NULL' : ''].filter(Boolean);
      (actual[r.t!] ??= {})[r.c!] = parts.join(' ');
    }
    assert.deepEqual(actual, MYSQL);
  });

  test('MySQL: primary, unique and foreign keys', async () => {
    const [keys, foreign] = await withMysql(async (db) => [
      (await db.query(`SELECT TABLE_NAME t, COLUMN_NAME c, INDEX_NAME i, NON_UNIQUE nu FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()`))[0] as Record<string, unknown>[],
      (await db.query(`SELECT TABLE_NAME t, COLUMN_NAME c, REFERENCED_TABLE_NAME rt, REFERENCED_COLUMN_NAME rc FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL`))[0] as Record<string, unknown>[],
    ]);
    const primary = Object.fromEntries(keys.filter((k) => k.i === 'PRIMARY').map((k) => [k.t, k.c]));
    assert.deepEqual(primary, MYSQL_PRIMARY);
    const unique = keys.filter((k) => k.i !== 'PRIMARY' && Number(k.nu) === 0).map((k) => `${k.t}.${k.c}`).sort();
    assert.deepEqual(unique, [...MYSQL_UNIQUE].sort());
    assert.deepEqual(foreign.map((f) => `${f.t}.${f.c} -> ${f.rt}.${f.rc}`).sort(), [...MYSQL_FOREIGN].sort());
  });

  test('PostgreSQL: singular tables, columns, types, nullability, serial ids', async () => {
    const rows = await withPostgres(async (db) => (await db.query(
      `SELECT c.table_name t, c.column_name c, format_type(a.atttypid, a.atttypmod) type, c.is_nullable n, c.column_default d
       FROM information_schema.columns c
       JOIN pg_attribute a ON a.attrelid = c.table_name::regclass AND a.attname = c.column_name
       WHERE c.table_schema = 'public' AND c.table_name IN ('product','policy','policy_coverage','beneficiary')
       ORDER BY c.table_name, c.ordinal_position`)).rows);
    const short = (t: string) => t.replace('character varying', 'varchar').replace('timestamp with time zone', 'timestamptz');
    const actual: Record<string, Record<string, string>> = {};
    for (const r of rows) {
      const serial = typeof r.d === 'string' && r.d.startsWith('nextval(') ? (r.type === 'bigint' ? 'bigserial' : 'serial') : null;
      (actual[r.t] ??= {})[r.c] = serial ?? [short(r.type), r.n === 'YES' ? 'NULL' : ''].filter(Boolean).join(' ');
    }
    assert.deepEqual(actual, POSTGRES);
  });

  test('PostgreSQL: primary keys, unique keys, policy.product_id → product.code', async () => {
    const constraints = await withPostgres(async (db) => (await db.query(
      `SELECT con.contype, rel.relname t, att.attname c, frel.relname ft, fatt.attname fc
       FROM pg_constraint con
       JOIN pg_class rel ON rel.oid = con.conrelid
       JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = con.conkey[1]
       LEFT JOIN pg_class frel ON frel.oid = con.confrelid
       LEFT JOIN pg_attribute fatt ON fatt.attrelid = con.confrelid AND fatt.attnum = con.confkey[1]
       WHERE rel.relname IN ('product','policy','policy_coverage','beneficiary')`)).rows);
    const of = (type: string) => constraints.filter((c) => c.contype === type);
    assert.deepEqual(of('p').map((c) => `${c.t}.${c.c}`).sort(), ['beneficiary.id', 'policy.id', 'policy_coverage.id', 'product.id']);
    assert.deepEqual(of('u').map((c) => `${c.t}.${c.c}`).sort(), [...POSTGRES_UNIQUE].sort());
    assert.deepEqual(of('f').map((c) => `${c.t}.${c.c} -> ${c.ft}.${c.fc}`).sort(), [...POSTGRES_FOREIGN].sort());
  });

  test('Cassandra: keyspace, columns, types, partition keys and DESC clustering', async () => {
    const [columns, keyspace] = await withCassandra(async (db) => [
      (await db.execute('SELECT table_name, column_name, type, kind, position, clustering_order FROM system_schema.columns WHERE keyspace_name = ?', [config.cassandra!.keyspace])).rows,
      (await db.execute('SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?', [config.cassandra!.keyspace])).rows[0],
    ]);
    assert.match(String(keyspace?.replication?.class), /SimpleStrategy/);
    const actual: Record<string, Record<string, string>> = {};
    for (const c of columns) {
      const role = c.kind === 'partition_key' ? ' pk' : c.kind === 'clustering' ? ` ck ${c.clustering_order}` : '';
      (actual[c.table_name] ??= {})[c.column_name] = `${c.type}${role}`;
    }
    for (const table of Object.keys(CASSANDRA)) assert.deepEqual(actual[table], CASSANDRA[table], table);
    const clusteringOrder = (table: string) => columns.filter((c) => c.table_name === table && c.kind === 'clustering').sort((a, b) => a.position - b.position).map((c) => c.column_name);
    assert.deepEqual(clusteringOrder('reclamos'), ['fecha', 'reclamo_id']);
    assert.deepEqual(clusteringOrder('pagos'), ['fecha', 'pago_id']);
    assert.deepEqual(clusteringOrder('transaction_audit'), ['fecha', 'audit_id']);
  });
});
