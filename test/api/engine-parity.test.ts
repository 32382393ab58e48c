/**
 * The same numbers on every engine: each route's JSON from DuckDB and from the real Trino server over the same
 * snapshots, byte for byte (only meta.engine differs) — on seeded consistent and team data, on the fine print's
 * nasty rows, across a snapshot switch, and in the Athena layout (S3 lake + Glue catalog).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { runIngestion } from '../../src/ingest/run.ts';
import type { Source } from '../../src/sources/source.ts';
import { seed } from '../../src/seed/seed.ts';
import { createTrinoEngine } from '../../src/engines/trino/trino-engine.ts';
import { enginePair, type EnginePair } from '../helpers/engines.ts';
import { FINE_PRINT_AS_OF, FINE_PRINT_SOURCES } from '../helpers/fine-print-fixture.ts';
import { ingestDefaults } from '../helpers/ingest.ts';
import { withMysql } from '../helpers/databases.ts';
import { catalogTables, testConfig, type CatalogKind, type LakeKind } from '../helpers/lake.ts';
import { config, missingServers } from '../helpers/servers.ts';

const skip = await missingServers(['mysql', 'postgres', 'cassandra', 's3', 'trino']);
const UNTIL = Date.parse('2026-06-01T00:00:00Z');

/** Every analytics route with the parameters that change its SQL: windows, months, paging past the end. */
function urls(asOf: string): string[] {
  const q = `as_of=${asOf}`;
  return [
    `/mysql/analytics/users?${q}`, `/mysql/analytics/users?as_of=2025-02-28`,
    `/mysql/analytics/growth-by-state?${q}`, `/mysql/analytics/growth-by-state?months=1&${q}`, `/mysql/analytics/growth-by-state?months=36&${q}`,
    `/postgresql/analytics/products?${q}`, `/postgresql/analytics/product-profitability?${q}`,
    `/cassandra/analytics/claims?${q}`, `/cassandra/analytics/claims-payments-correlation?${q}`,
    `/cross/analytics/customer-policy-profile?${q}`, `/cross/analytics/customer-policy-profile?as_of=2024-01-31`,
    `/cross/analytics/agent-performance?${q}`, `/cross/analytics/agent-performance?limit=3&offset=2&${q}`, `/cross/analytics/agent-performance?offset=100000&${q}`,
    `/cross/analytics/claims-vs-policies?${q}`,
    '/quality/references',
  ];
}

async function body(app: FastifyInstance, url: string): Promise<{ status: number; text: string }> {
  const response = await app.inject({ method: 'GET', url });
  const json = response.json();
  if (json.meta) delete json.meta.engine;
  return { status: response.statusCode, text: JSON.stringify(json) };
}

async function assertSameAnswers(pair: EnginePair, asOf: string): Promise<void> {
  for (const url of urls(asOf)) {
    const [duckdb, trino] = [await body(pair.duckdb, url), await body(pair.trino, url)];
    assert.equal(duckdb.status, 200, `${url} on DuckDB: ${duckdb.text}`);
    assert.equal(trino.status, 200, `${url} on Trino: ${trino.text}`);
    assert.equal(trino.text, duckdb.text, `${url}: Trino's answer differs from DuckDB's`);
  }
}

async function ingested(name: string, lake: LakeKind, catalog: CatalogKind, sources?: Source[]) {
  const env = await testConfig(lake, catalog, name);
  const record = await runIngestion(env.config, ingestDefaults, () => {}, sources);
  assert.equal(record.status, 'succeeded', JSON.stringify(record.tables.filter((t) => t.error)));
  return env;
}

/** A suite over a freshly ingested lake: every route answers alike on both engines. */
function everyRoute(title: string, asOf: string, prepare: () => ReturnType<typeof ingested>): void {
  describe(title, () => {
    let env: Awaited<ReturnType<typeof ingested>>;
    let pair: EnginePair;
    before(async () => {
      env = await prepare();
      pair = await enginePair(env.config);
    });
    after(async () => {
      await pair?.close();
      env?.cleanup();
    });
    test('every route', async () => assertSameAnswers(pair, asOf));
  });
}

describe('DuckDB and Trino give the same answers', { skip: skip ?? false }, () => {
  describe('on seeded consistent data, across a snapshot switch', () => {
    let env: Awaited<ReturnType<typeof ingested>>;
    let pair: EnginePair;
    before(async () => {
      await seed(config, { scale: 0.05, seed: 11, shape: 'consistent', until: UNTIL, loadTime: 0 }, ['mysql', 'postgres', 'cassandra']);
      env = await ingested('parity-consistent', 'local', 'local');
      pair = await enginePair(env.config);
    });
    after(async () => {
      await pair?.close();
      env?.cleanup();
    });

    test('every route, every parameter that changes the SQL', async () => assertSameAnswers(pair, '2026-05-20'));

    test('a new snapshot with changed rows: Trino answers from it, keeps the previous one for queries in flight, drops older ones', async () => {
      const totalUsers = async (app: FastifyInstance) => JSON.parse((await body(app, '/mysql/analytics/users?as_of=2026-05-20')).text);
      const before = (await totalUsers(pair.trino)).total_users as number;
      for (let run = 1; run <= 2; run++) {
        // A new user each time: the numbers must move, not only the snapshot id.
        await withMysql((db) => db.query(
          `INSERT INTO users (username, email, password, role, phone, created_at, updated_at, street, city, state)
           SELECT concat('parity', ?), concat('parity', ?, '@example.com'), 'x', role, 900000000 + ?, '2026-05-19 12:00:00', '2026-05-19 12:00:00', street, city, state
           FROM users ORDER BY id LIMIT 1`, [run, run, run]));
        const record = await runIngestion(env.config, { ...ingestDefaults, only: ['mysql'], tables: ['users'] });
        assert.equal(record.status, 'succeeded');
        const current = record.tables[0]!.snapshot!;
        // Each app follows the catalog within a second (it polls every 500 ms).
        for (const app of [pair.duckdb, pair.trino]) {
          let served = '';
          for (const deadline = Date.now() + 10_000; served !== current && Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
            served = (await totalUsers(app)).meta.snapshots['mysql.users'].id;
          }
          assert.equal(served, current, 'the answer names the new snapshot');
        }
        assert.equal((await totalUsers(pair.trino)).total_users, before + run, 'Trino reads the new rows');
      }
      const tables = (await pair.trinoEngine.query(`SHOW TABLES FROM hive."${pair.schema}" LIKE 'mysql\\_users\\_\\_%' ESCAPE '\\'`)).map((r) => String(Object.values(r)[0]));
      assert.equal(tables.length, 2, `current and previous snapshot tables only: ${tables.join(', ')}`);
      await assertSameAnswers(pair, '2026-05-20');
    });

    test('a second engine on the same schema that is behind never moves the view back', async () => {
      const tables = await catalogTables(env.config);
      const users = tables.find((t) => t.name === 'mysql_users')!;
      const older = { ...users, snapshot: { ...users.snapshot, id: users.previous[0]! }, previous: [] };
      const behind = await createTrinoEngine({ url: config.trinoUrl, catalog: 'hive', schema: pair.schema, tables: 'register' });
      await behind.sync([older]);
      const [row] = await pair.trinoEngine.query(`SELECT count(*) AS n FROM hive."${pair.schema}".mysql_users`);
      assert.equal(row!.n, users.snapshot.rows, 'the view still reads the newest snapshot');
      const left = (await pair.trinoEngine.query(`SHOW TABLES FROM hive."${pair.schema}" LIKE 'mysql\\_users\\_\\_%' ESCAPE '\\'`)).length;
      assert.equal(left, 2, 'nothing newer was dropped');
    });
  });

  everyRoute('on seeded team data (loose references)', '2026-05-20', async () => {
    await seed(config, { scale: 0.02, seed: 12, shape: 'team', until: UNTIL, loadTime: Date.parse('2026-05-30T12:00:00Z') }, ['mysql', 'postgres', 'cassandra']);
    return ingested('parity-team', 'local', 'local');
  });
  everyRoute("on the fine print's nasty rows", FINE_PRINT_AS_OF, () => ingested('parity-fine-print', 'local', 'local', FINE_PRINT_SOURCES));
  everyRoute('in the Athena layout: S3 lake, Glue catalog', FINE_PRINT_AS_OF, () => ingested('parity-glue', 's3', 'glue', FINE_PRINT_SOURCES));
});
