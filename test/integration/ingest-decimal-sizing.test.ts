/**
 * Cassandra decimals of any scale are sized from the first page read; a later value that does not fit (a larger
 * scale, more than 18 digits) makes the table be read again with exact text staging. Either way the lake holds
 * DECIMAL(38, the largest scale stored) and every value exactly.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import cassandra from 'cassandra-driver';
import { runIngestion } from '../../src/ingest/run.ts';
import { withCassandra } from '../helpers/databases.ts';
import { ingestDefaults } from '../helpers/ingest.ts';
import { catalogTables, readLakeRows, sortRows, testConfig } from '../helpers/lake.ts';
import { missingServers } from '../helpers/servers.ts';
import { readSourceRows } from '../helpers/source-rows.ts';

const skip = await missingServers(['cassandra']);
/** More than one page (5,000 rows): one partition, so the pages come in clustering order. */
const ROWS = 6_000;

describe('ingest: Cassandra decimals sized while reading', { skip: skip ?? false }, () => {
  let env: Awaited<ReturnType<typeof testConfig>>;

  before(async () => {
    await withCassandra(async (db) => {
      for (const t of ['sizing_fits', 'sizing_wider_later']) {
        await db.execute(`DROP TABLE IF EXISTS ${t}`);
        await db.execute(`CREATE TABLE ${t} (p int, c int, money decimal, big varint, PRIMARY KEY (p, c))`);
      }
      const rows = (last: [string, string]) => Array.from({ length: ROWS }, (_, c) =>
        [1, c, c === ROWS - 1 ? last[0] : `${c}.${String(c % 100).padStart(2, '0')}`, c === ROWS - 1 ? last[1] : String(c * 7)]);
      const insert = (t: string) => `INSERT INTO ${t} (p, c, money, big) VALUES (?, ?, ?, ?)`;
      const typed = (r: unknown[]) => [r[0], r[1], cassandra.types.BigDecimal.fromString(r[2] as string), cassandra.types.Integer.fromString(r[3] as string)];
      await cassandra.concurrent.executeConcurrent(db, insert('sizing_fits'), rows(['-0.05', '-7']).map(typed), { concurrencyLevel: 64 });
      await cassandra.concurrent.executeConcurrent(db, insert('sizing_wider_later'), rows(['12345.6789', '123456789012345678901234567890']).map(typed), { concurrencyLevel: 64 });
    });
    env = await testConfig('local', 'local', 'decimal-sizing');
  });

  after(async () => {
    env?.cleanup();
    await withCassandra(async (db) => {
      for (const t of ['sizing_fits', 'sizing_wider_later']) await db.execute(`DROP TABLE IF EXISTS ${t}`);
    });
  });

  for (const [table, money, big, twice] of [['sizing_fits', 'decimal(38,2)', 'decimal(38,0)', false], ['sizing_wider_later', 'decimal(38,4)', 'decimal(38,0)', true]] as const) {
    test(`${table}: ${twice ? 'a wider value on a later page: read again,' : 'one read,'} exact values in ${money}`, async () => {
      const record = await runIngestion(env.config, { ...ingestDefaults, only: ['cassandra'], tables: [table] });
      assert.equal(record.status, 'succeeded', JSON.stringify(record.tables));
      assert.equal(/read twice/.test(record.tables[0]!.path ?? ''), twice, record.tables[0]!.path ?? '');
      const lake = (await catalogTables(env.config)).find((t) => t.name === `cassandra_${table}`)!;
      const types = Object.fromEntries(lake.columns.map((c) => [c.name, c.type]));
      assert.deepEqual([types.money, types.big], [money, big]);
      assert.deepEqual(sortRows(await readLakeRows(env.config, lake)), sortRows(await readSourceRows(lake)));
    });
  }
});
