/**
 * Under live writes, the count and the rows of a table come from one snapshot (PostgreSQL through the scanner,
 * MySQL through its row packets): rows inserted while the table is read are in neither, and the run verifies.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { runIngestion } from '../../src/ingest/run.ts';
import { withMysql, withPostgres } from '../helpers/databases.ts';
import { ingestDefaults } from '../helpers/ingest.ts';
import { catalogTables, testConfig } from '../helpers/lake.ts';
import { missingServers } from '../helpers/servers.ts';

const skip = await missingServers(['mysql', 'postgres']);
const ROWS = 300_000;

describe('ingest under live writes', { skip: skip ?? false }, () => {
  let env: Awaited<ReturnType<typeof testConfig>>;
  before(async () => {
    env = await testConfig('local', 'local', 'live-writes');
    await withPostgres(async (db) => {
      await db.query('DROP TABLE IF EXISTS live_writes');
      await db.query('CREATE TABLE live_writes (id bigserial PRIMARY KEY, note text)');
      await db.query(`INSERT INTO live_writes (note) SELECT 'row ' || i FROM generate_series(1, ${ROWS}) i`);
    });
    await withMysql(async (db) => {
      await db.query('DROP TABLE IF EXISTS live_writes');
      await db.query('CREATE TABLE live_writes (id BIGINT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(40))');
      await db.query(`INSERT INTO live_writes (note) SELECT CONCAT('row ', seq) FROM seq_1_to_${ROWS}`);
    });
  });
  after(async () => {
    await withPostgres((db) => db.query('DROP TABLE IF EXISTS live_writes'));
    await withMysql((db) => db.query('DROP TABLE IF EXISTS live_writes'));
    env.cleanup();
  });

  for (const source of ['postgresql', 'mysql'] as const) {
    test(`${source}: the count and the rows agree while rows are inserted`, { timeout: 120_000 }, async () => {
      let writing = true;
      let inserted = 0;
      const insert = async (sql: string) => {
        const run = source === 'postgresql' ? withPostgres((db) => db.query(sql)) : withMysql((db) => db.query(sql));
        await run;
      };
      const writer = (async () => {
        while (writing) {
          await insert("INSERT INTO live_writes (note) VALUES ('during'), ('during'), ('during')");
          inserted += 3;
          await sleep(5);
        }
      })();
      try {
        await sleep(50);
        const record = await runIngestion(env.config, { ...ingestDefaults, only: [source], tables: ['live_writes'] });
        assert.equal(record.status, 'succeeded', JSON.stringify(record.tables));
        const rows = record.tables[0]!.rows;
        assert.ok(rows >= ROWS, `at least the rows before the run: ${rows}`);
        const table = (await catalogTables(env.config)).find((t) => t.name === `${source}_live_writes`)!;
        assert.equal(table.snapshot.rows, rows);
      } finally {
        writing = false;
        await writer;
      }
      assert.ok(inserted > 0, 'rows were inserted during the run');
    });
  }
});
