/**
 * Every source × {local lake, S3 lake} × {local catalog, Glue}: every table lands with exactly the source's rows and
 * values (read back from the lake's Parquet and compared with the rows read straight from the source).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ingestDefaults } from '../helpers/ingest.ts';
import { runIngestion } from '../../src/ingest/run.ts';
import { listRunRecords } from '../../src/ingest/record.ts';
import { openLake } from '../../src/lake/registry.ts';
import { seed } from '../../src/seed/seed.ts';
import { catalogTables, readLakeRows, sortRows, testConfig, type CatalogKind, type LakeKind } from '../helpers/lake.ts';
import { config, missingServers } from '../helpers/servers.ts';
import { readSourceRows } from '../helpers/source-rows.ts';

const skip = await missingServers(['mysql', 'postgres', 'cassandra', 's3']);
const EXPECTED_TABLES = ['cassandra_pagos', 'cassandra_reclamos', 'cassandra_transaction_audit', 'mysql_agents', 'mysql_beneficiaries', 'mysql_clients',
  'mysql_users', 'postgresql_beneficiary', 'postgresql_policy', 'postgresql_policy_coverage', 'postgresql_product'];

describe('ingest: every source into every lake and catalog', { skip: skip ?? false }, () => {
  before(async () => {
    await seed(config, { scale: 0.02, seed: 5, shape: 'consistent', until: Date.parse('2026-06-01T00:00:00Z'), loadTime: 0 }, ['mysql', 'postgres', 'cassandra']);
  });

  const combos: [LakeKind, CatalogKind][] = [['local', 'local'], ['local', 'glue'], ['s3', 'local'], ['s3', 'glue']];
  for (const [lake, catalog] of combos) {
    describe(`${lake} lake, ${catalog} catalog`, () => {
      let cleanup = () => {};
      let ctx: Awaited<ReturnType<typeof testConfig>>['config'];
      before(async () => {
        ({ config: ctx, cleanup } = await testConfig(lake, catalog, `matrix-${lake}-${catalog}`));
      });
      after(() => cleanup());

      test('the run commits every table of the three sources', async () => {
        const record = await runIngestion(ctx, ingestDefaults);
        assert.equal(record.status, 'succeeded', JSON.stringify(record.tables.filter((t) => t.status !== 'committed')));
        const tables = await catalogTables(ctx);
        // Discovery may find more tables (other tests add some); the seeded ones must all be there.
        for (const name of EXPECTED_TABLES) assert.ok(tables.some((t) => t.name === name), name);
        const runs = await listRunRecords(await openLake(ctx), 5);
        assert.equal(runs[0]?.id, record.id);
        assert.equal(runs[0]?.status, 'succeeded');
      });

      test('each table holds exactly the source rows, value for value', async () => {
        for (const table of (await catalogTables(ctx)).filter((t) => EXPECTED_TABLES.includes(t.name))) {
          const [lakeRows, sourceRows] = await Promise.all([readLakeRows(ctx, table), readSourceRows(table)]);
          assert.equal(lakeRows.length, sourceRows.length, `${table.name}: row count`);
          assert.equal(table.snapshot.rows, sourceRows.length, `${table.name}: catalog row count`);
          assert.deepEqual(sortRows(lakeRows), sortRows(sourceRows), `${table.name}: values`);
        }
      });

      test('the sensitive column never leaves the source', async () => {
        const users = (await catalogTables(ctx)).find((t) => t.name === 'mysql_users')!;
        assert.ok(!users.columns.some((c) => c.name === 'password'));
        assert.ok(users.columns.some((c) => c.name === 'email'));
      });

      test('snapshots point at the lake and re-running adds a snapshot without duplicating rows', async () => {
        const before = await catalogTables(ctx);
        const record = await runIngestion(ctx, { ...ingestDefaults, only: ['postgresql'], tables: ['product'] });
        assert.equal(record.status, 'succeeded');
        const after = await catalogTables(ctx);
        const old = before.find((t) => t.name === 'postgresql_product')!;
        const now = after.find((t) => t.name === 'postgresql_product')!;
        assert.ok(now.snapshot.id > old.snapshot.id, 'snapshot ids sort in commit order');
        assert.equal(now.snapshot.rows, 15);
        assert.deepEqual(now.previous, [old.snapshot.id]);
        assert.ok(now.snapshot.location.startsWith(lake === 's3' ? 's3://primac-test-lake/' : '/'), now.snapshot.location);
        assert.match(now.snapshot.location, /postgresql\/product\/snapshot=[^/]+\/$/);
      });
    });
  }
});
