/**
 * Type torture: one table per source full of nasty but valid values (extreme decimals, any-scale decimals, NULL vs
 * '', quotes, commas, CR/LF, tabs, emoji, naive vs zoned instants, UUIDs, binaries) goes through ingestion and
 * comes back equal, with the Parquet types the README promises.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { runIngestion } from '../../src/ingest/run.ts';
import { openLake } from '../../src/lake/registry.ts';
import { withCassandra, withMysql, withPostgres } from '../helpers/databases.ts';
import { ingestDefaults } from '../helpers/ingest.ts';
import { catalogTables, readLakeRows, sortRows, testConfig } from '../helpers/lake.ts';
import { missingServers } from '../helpers/servers.ts';
import { readSourceRows } from '../helpers/source-rows.ts';

const skip = await missingServers(['mysql', 'postgres', 'cassandra']);
const NASTY = 'quote " comma , LF \n CRLF \r\n tab \t emoji 😀 ñ backslash \\ end';

describe('ingest: type torture', { skip: skip ?? false }, () => {
  let env: Awaited<ReturnType<typeof testConfig>>;

  before(async () => {
    await withPostgres(async (db) => {
      await db.query('DROP TABLE IF EXISTS type_torture, type_torture_scan');
      await db.query(`CREATE TABLE type_torture (id serial PRIMARY KEY, n_fixed numeric(38,10), n_money numeric(12,2), n_any numeric,
        i2 smallint, i4 integer, i8 bigint, f4 real, f8 double precision, b boolean, t text, vc varchar(40),
        d date, ts timestamp(6), tstz timestamptz(6), tm time, u uuid, bin bytea, j jsonb, arr int[], ch char(6))`);
      await db.query(`INSERT INTO type_torture (n_fixed, n_money, n_any, i2, i4, i8, f4, f8, b, t, vc, d, ts, tstz, tm, u, bin, j, arr, ch) VALUES
        ('1234567890123456789012345678.0123456789', -9999999999.99, '123456789012345678901234567890.123456789', -32768, 2147483647, -9223372036854775808,
         3.4028235e38, 1e-300, true, $1, '', '0001-01-01', '1970-01-01 00:00:00.000001', '2024-02-29 23:59:59.999999+05:30', '23:59:59.999999',
         'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '\\x00ff10', '{"a": [1, "x"]}', '{1,NULL,3}', 'ab'),
        (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
        (0, 0.01, '0.000000001', 0, -1, 9223372036854775807, '-Infinity', 'NaN', false, 'NULL', ' padded ', '9999-12-31',
         '2262-04-11 23:47:16', '1900-01-01 00:00:00+00', '00:00:00', '00000000-0000-0000-0000-000000000000', '\\x', '[]', '{}', NULL),
        (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '0044-03-15 BC', '0001-12-31 23:59:59.5 BC', '4713-01-01 00:00:00+00 BC',
         NULL, NULL, NULL, NULL, NULL, ' a b  '),
        (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '-infinity', 'infinity', '-infinity', NULL, NULL, NULL, NULL, NULL, '      ')`, [NASTY]);
      await db.query(`CREATE TABLE type_torture_scan AS SELECT id, n_fixed, n_money, i2, i4, i8, f4, f8, b, t, vc, d, ts, tstz, tm, u, bin, ch FROM type_torture`);
    });
    await withMysql(async (db) => {
      await db.query('DROP TABLE IF EXISTS type_torture');
      await db.query(`CREATE TABLE type_torture (id INT AUTO_INCREMENT PRIMARY KEY, d38 DECIMAL(38,10), d65 DECIMAL(65,30), flag TINYINT(1),
        ti TINYINT, su SMALLINT UNSIGNED, mi MEDIUMINT, iu INT UNSIGNED, bi BIGINT, bu BIGINT UNSIGNED, fl FLOAT, db DOUBLE,
        e ENUM('A','B'), st SET('x','y'), vc VARCHAR(100), tx TEXT, d DATE, dt DATETIME(6), ts TIMESTAMP(6) NULL, tm TIME, yr YEAR,
        bin VARBINARY(10)) CHARSET utf8mb4`);
      await db.query("SET SESSION sql_mode = '', time_zone = '+00:00'");
      await db.query(`INSERT INTO type_torture (d38, d65, flag, ti, su, mi, iu, bi, bu, fl, db, e, st, vc, tx, d, dt, ts, tm, yr, bin) VALUES
        ('1234567890123456789012345678.0123456789', '12345678901234567890123456789012345.123456789012345678901234567890', 1, -128, 65535, -8388608,
         4294967295, -9223372036854775808, 18446744073709551615, 3.14159, 2.718281828459045, 'Z', 'x,y', ?, ?, '1000-01-01',
         '2024-02-29 23:59:59.999999', '2038-01-19 03:14:07.999999', '-838:59:59', 2155, X'00FF10'),
        (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
        (0, 0.000000000000000000000000000001, 0, 0, 0, 0, 0, 0, 0, -0.5, 1e-300, 'B', '', '', 'NULL', '9999-12-31', '1000-01-01 00:00:00', '1970-01-01 00:00:01', '00:00:00', 1901, X''),
        (NULL, NULL, 2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '0000-00-00', '0000-00-00 00:00:00', '0000-00-00 00:00:00', NULL, NULL, NULL),
        (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '2020-00-15', '2021-03-00 10:00:00', NULL, NULL, NULL, NULL)`, [NASTY, NASTY]);
      // An ENUM whose labels cannot travel unquoted ('NULL', a quote) beside the plain ones above.
      await db.query(`ALTER TABLE type_torture ADD COLUMN en ENUM('NULL', 'say "hi"') NULL`);
      await db.query(`UPDATE type_torture SET en = IF(id = 1, 'NULL', 'say "hi"') WHERE id IN (1, 3)`);
    });
    await withCassandra(async (db) => {
      await db.execute('DROP TABLE IF EXISTS type_torture');
      await db.execute(`CREATE TABLE type_torture (id int PRIMARY KEY, dec decimal, vi varint, bi bigint, si smallint, ti tinyint, f float, d double,
        b boolean, t text, a ascii, ts timestamp, dt date, tm time, u uuid, tu timeuuid, bl blob, ip inet, li list<int>, m map<text, int>)`);
      const insert = 'INSERT INTO type_torture (id, dec, vi, bi, si, ti, f, d, b, t, a, ts, dt, tm, u, tu, bl, ip, li, m) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
      await db.execute(`INSERT INTO type_torture (id, dec, vi, bi, si, ti, f, d, b, t, a, ts, dt, tm, u, tu, bl, ip, li, m) VALUES (1, 1E+3, 123456789012345678901234567890,
        -9223372036854775808, -32768, -128, 3.4028235e38, 1e-300, true, '${NASTY.replace(/'/g, "''")}', 'ascii', '2024-02-29 23:59:59.999+0000', '2024-02-29',
        '12:34:56.123456789', a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11, 50554d6e-29bb-11e5-b345-feff819cdc9f, 0x00ff10, '192.168.0.1', [1, 2, 3], {'k': 1})`);
      await db.execute(insert, [2, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null], { prepare: true });
      // Empty values: a blob of no bytes is not NULL; a bigint of no bytes (legal in CQL) reads as NULL.
      await db.execute(`INSERT INTO type_torture (id, dec, vi, t, d, bl) VALUES (3, -123.450, -1, '', NaN, textAsBlob(''))`);
      await db.execute(`INSERT INTO type_torture (id, dec, t, bi) VALUES (4, 99999999999999999999.000001, 'NULL', blobAsBigint(textAsBlob('')))`);
    });
    env = await testConfig('local', 'local', 'types');
    const record = await runIngestion(env.config, { ...ingestDefaults, tables: ['type_torture', 'type_torture_scan'] });
    assert.equal(record.status, 'succeeded', JSON.stringify(record.tables));
    assert.match(record.tables.find((t) => t.source === 'cassandra')!.path ?? '', / → row bytes → /, 'Cassandra rows are encoded from their bytes');
  });

  after(async () => {
    env?.cleanup();
    await withPostgres((db) => db.query('DROP TABLE IF EXISTS type_torture, type_torture_scan'));
    await withMysql((db) => db.query('DROP TABLE IF EXISTS type_torture'));
    await withCassandra((db) => db.execute('DROP TABLE IF EXISTS type_torture'));
  });

  for (const name of ['postgresql_type_torture', 'postgresql_type_torture_scan', 'mysql_type_torture', 'cassandra_type_torture']) {
    test(`${name}: every value round-trips`, async () => {
      const table = (await catalogTables(env.config)).find((t) => t.name === name)!;
      assert.ok(table, `${name} is in the catalog`);
      const keep = table.columns.map((c) => !/^(list|map|set)</.test(c.nativeType));
      const project = (rows: (string | null)[][]) => rows.map((r) => r.filter((_, i) => keep[i]));
      assert.deepEqual(sortRows(project(await readLakeRows(env.config, table))), sortRows(project(await readSourceRows(table))));
    });
  }

  test('the Parquet files carry exact types', async () => {
    const tables = await catalogTables(env.config);
    const lake = await openLake(env.config);
    const types = async (name: string) => {
      const t = tables.find((x) => x.name === name)!;
      const db = await DuckDBInstance.create(':memory:');
      const c = await db.connect();
      const rows = (await c.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${lake.localPath(t.snapshot.files[0]!.key)}', hive_partitioning = false)`)).getRows();
      return Object.fromEntries(rows.map((r) => [String(r[0]), String(r[1])]));
    };
    const pg = await types('postgresql_type_torture');
    assert.equal(pg.n_fixed, 'DECIMAL(38,10)');
    assert.equal(pg.n_money, 'DECIMAL(12,2)');
    assert.equal(pg.n_any, 'VARCHAR', 'a NUMERIC beyond 38 digits stays exact as text');
    assert.equal(pg.ts, 'TIMESTAMP', 'naive timestamps are not instants');
    assert.equal(pg.tstz, 'TIMESTAMP WITH TIME ZONE');
    assert.equal(pg.d, 'DATE');
    assert.equal(pg.b, 'BOOLEAN');
    assert.equal(pg.bin, 'BLOB');
    assert.equal(pg.u, 'VARCHAR');
    const scan = await types('postgresql_type_torture_scan');
    assert.equal(scan.n_fixed, 'DECIMAL(38,10)');
    assert.equal(scan.tstz, 'TIMESTAMP WITH TIME ZONE');
    const my = await types('mysql_type_torture');
    assert.equal(my.d38, 'DECIMAL(38,10)');
    assert.equal(my.flag, 'BOOLEAN');
    assert.equal(my.dt, 'TIMESTAMP');
    assert.equal(my.ts, 'TIMESTAMP WITH TIME ZONE');
    assert.equal(my.bu, 'DECIMAL(20,0)');
    const cs = await types('cassandra_type_torture');
    assert.equal(cs.dec, 'DECIMAL(38,6)', 'Cassandra DECIMAL: wide enough for every stored digit');
    assert.equal(cs.vi, 'DECIMAL(38,0)');
    assert.equal(cs.ts, 'TIMESTAMP WITH TIME ZONE');
  });

  test('the portable fallbacks (COPY csv for PostgreSQL, mysql2 for MySQL, driver rows for Cassandra) land the same values', async () => {
    const fallback = await testConfig('local', 'local', 'types-fallback');
    const saved = { pg: process.env.PRIMAC_PG_SCANNER, my: process.env.PRIMAC_MYSQL_RAW, cs: process.env.PRIMAC_CASSANDRA_RAW };
    try {
      process.env.PRIMAC_PG_SCANNER = '0';
      process.env.PRIMAC_MYSQL_RAW = '0';
      process.env.PRIMAC_CASSANDRA_RAW = '0';
      const record = await runIngestion(fallback.config, { ...ingestDefaults, tables: ['type_torture'] });
      assert.equal(record.status, 'succeeded', JSON.stringify(record.tables));
      const paths = Object.fromEntries(record.tables.map((t) => [t.source, t.path ?? '']));
      assert.match(paths.postgresql!, /^COPY csv/);
      assert.match(paths.mysql!, /^unbuffered row stream \(mysql2\)/);
      assert.match(paths.cassandra!, / → driver rows → /);
      for (const name of ['postgresql_type_torture', 'mysql_type_torture']) {
        const table = (await catalogTables(fallback.config)).find((t) => t.name === name)!;
        assert.deepEqual(sortRows(await readLakeRows(fallback.config, table)), sortRows(await readSourceRows(table)), name);
      }
      // Cassandra's two paths land identical values, collections included (the fast path is checked against the source above).
      const driverRows = (await catalogTables(fallback.config)).find((t) => t.name === 'cassandra_type_torture')!;
      const byteRows = (await catalogTables(env.config)).find((t) => t.name === 'cassandra_type_torture')!;
      assert.deepEqual(sortRows(await readLakeRows(fallback.config, driverRows)), sortRows(await readLakeRows(env.config, byteRows)));
    } finally {
      for (const [key, value] of [['PRIMAC_PG_SCANNER', saved.pg], ['PRIMAC_MYSQL_RAW', saved.my], ['PRIMAC_CASSANDRA_RAW', saved.cs]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      fallback.cleanup();
    }
  });

  test('MariaDB ENUM error value stays \'\' and NULL stays NULL', async () => {
    const table = (await catalogTables(env.config)).find((t) => t.name === 'mysql_type_torture')!;
    const rows = await readLakeRows(env.config, table);
    const e = table.columns.findIndex((c) => c.name === 'e');
    assert.deepEqual(rows.map((r) => r[e]).sort(), ['', 'B', null, null, null].sort());
  });

  test('MariaDB zero dates and zero-in-date values are NULL and a TINYINT(1) of 2 is true', async () => {
    const table = (await catalogTables(env.config)).find((t) => t.name === 'mysql_type_torture')!;
    const rows = await readLakeRows(env.config, table);
    const at = (name: string) => table.columns.findIndex((c) => c.name === name);
    const row = rows.find((r) => r[at('id')] === '4')!;
    assert.deepEqual([row[at('flag')], row[at('d')], row[at('dt')], row[at('ts')]], ['true', null, null, null]);
    const zeroIn = rows.find((r) => r[at('id')] === '5')!;
    assert.deepEqual([zeroIn[at('d')], zeroIn[at('dt')]], [null, null], "'2020-00-15' and '2021-03-00 10:00:00'");
  });

  test('MariaDB spatial columns arrive as WKT text, on both paths', async () => {
    await withMysql(async (db) => {
      await db.query('DROP TABLE IF EXISTS geo_torture');
      await db.query('CREATE TABLE geo_torture (id INT PRIMARY KEY, p POINT NULL, g GEOMETRY NULL)');
      await db.query("INSERT INTO geo_torture VALUES (1, ST_GeomFromText('POINT(1 2)'), ST_GeomFromText('LINESTRING(0 0,1.5 -1)')), (2, NULL, NULL)");
    });
    try {
      for (const raw of ['1', '0']) {
        process.env.PRIMAC_MYSQL_RAW = raw;
        const record = await runIngestion(env.config, { ...ingestDefaults, only: ['mysql'], tables: ['geo_torture'] });
        assert.equal(record.status, 'succeeded', JSON.stringify(record.tables));
        const table = (await catalogTables(env.config)).find((t) => t.name === 'mysql_geo_torture')!;
        assert.deepEqual(sortRows(await readLakeRows(env.config, table)), sortRows([['1', 'POINT(1 2)', 'LINESTRING(0 0,1.5 -1)'], ['2', null, null]]), `PRIMAC_MYSQL_RAW=${raw}`);
      }
    } finally {
      delete process.env.PRIMAC_MYSQL_RAW;
      await withMysql((db) => db.query('DROP TABLE IF EXISTS geo_torture'));
    }
  });

  test('rows wider than the CSV reader\'s 2 MB buffers land whole, on every source', async () => {
    const text = `${NASTY}${'x'.repeat(3_000_000)}`;
    const blob = Buffer.alloc(2_500_000, 0xab);
    await withPostgres(async (db) => {
      await db.query('DROP TABLE IF EXISTS wide_rows');
      await db.query('CREATE TABLE wide_rows (id int PRIMARY KEY, t text, b bytea, j json)');
      await db.query("INSERT INTO wide_rows VALUES (1, $1, $2, '{}'), (2, 'small', NULL, NULL)", [text, blob]);
    });
    await withMysql(async (db) => {
      await db.query('DROP TABLE IF EXISTS wide_rows');
      await db.query('CREATE TABLE wide_rows (id INT PRIMARY KEY, t LONGTEXT, b LONGBLOB) CHARSET utf8mb4');
      await db.query("INSERT INTO wide_rows VALUES (1, ?, ?), (2, 'small', NULL)", [text, blob]);
    });
    await withCassandra(async (db) => {
      await db.execute('DROP TABLE IF EXISTS wide_rows');
      await db.execute('CREATE TABLE wide_rows (id int PRIMARY KEY, t text, b blob)');
      await db.execute('INSERT INTO wide_rows (id, t, b) VALUES (?, ?, ?)', [1, text, blob], { prepare: true });
      await db.execute("INSERT INTO wide_rows (id, t) VALUES (2, 'small')");
    });
    try {
      const record = await runIngestion(env.config, { ...ingestDefaults, tables: ['wide_rows'] });
      assert.equal(record.status, 'succeeded', JSON.stringify(record.tables));
      for (const source of ['postgresql', 'mysql', 'cassandra']) {
        const table = (await catalogTables(env.config)).find((t) => t.name === `${source}_wide_rows`)!;
        const at = (name: string) => table.columns.findIndex((c) => c.name === name);
        const rows = (await readLakeRows(env.config, table)).sort((a, b) => Number(a[at('id')]) - Number(b[at('id')]));
        assert.equal(rows.length, 2, source);
        // Not assert.equal: its diff of two multi-MB strings would take minutes.
        const [t, b] = [rows[0]![at('t')], rows[0]![at('b')]];
        assert.ok(t === text, `${source}: the wide text is whole (${t?.length} of ${text.length} characters)`);
        assert.ok(b === blob.toString('hex'), `${source}: the wide binary is whole (${b?.length} of ${2 * blob.length} hex digits)`);
      }
    } finally {
      await withPostgres((db) => db.query('DROP TABLE IF EXISTS wide_rows'));
      await withMysql((db) => db.query('DROP TABLE IF EXISTS wide_rows'));
      await withCassandra((db) => db.execute('DROP TABLE IF EXISTS wide_rows'));
    }
  });

  test('awkward names and values: a column named snapshot, NUMERIC NaN, MariaDB FLOAT and BIT, names differing only in case', async () => {
    await withPostgres(async (db) => {
      await db.query('DROP TABLE IF EXISTS "Snap Col", "Dup", dup, cased');
      await db.query('CREATE TABLE "Snap Col" (id int PRIMARY KEY, "snapshot" text, n numeric)');
      await db.query(`INSERT INTO "Snap Col" VALUES (1, 'mine', 1.5), (2, NULL, 'NaN')`);
      await db.query('CREATE TABLE "Dup" (a int); CREATE TABLE dup (b int); CREATE TABLE cased (id int, "A" int, a int)');
    });
    await withMysql(async (db) => {
      await db.query('DROP TABLE IF EXISTS snap_col, `Dup`, dup');
      await db.query('CREATE TABLE snap_col (id INT PRIMARY KEY, `snapshot` TEXT, d DECIMAL(50,2), f FLOAT, b9 BIT(9), b64 BIT(64))');
      await db.query("INSERT INTO snap_col VALUES (1, 'mine', 1.25, 1.2345679, b'1', 1), (2, NULL, NULL, 16777217, b'100000000', 18446744073709551615)");
      await db.query('CREATE TABLE `Dup` (a INT)');
      await db.query('CREATE TABLE dup (b INT)');
    });
    const awkward = await testConfig('local', 'local', 'types-awkward');
    try {
      const record = await runIngestion(awkward.config, { ...ingestDefaults, only: ['mysql', 'postgresql'], tables: ['Snap Col', 'snap_col', 'Dup', 'dup', 'cased'], formats: ['parquet', 'csv'] });
      const failed = record.tables.filter((t) => t.status === 'failed');
      assert.deepEqual(failed.map((t) => `${t.source}.${t.table}`).sort(), ['mysql.Dup', 'mysql.dup', 'postgresql.Dup', 'postgresql.cased', 'postgresql.dup']);
      for (const t of failed.filter((f) => f.table !== 'cased')) assert.match(t.error ?? '', new RegExp(`would both be catalogued as ${t.source}_dup .*rename one`));
      assert.match(failed.find((t) => t.table === 'cased')!.error ?? '', /the columns "A" and "a" differ only in case.*rename one/);
      const tables = await catalogTables(awkward.config);
      assert.ok(!tables.some((t) => t.name.endsWith('_dup')), 'neither twin is catalogued');
      const lake = await openLake(awkward.config);
      const check = async (name: string, header: string, expected: (string | null)[][]) => {
        const table = tables.find((t) => t.name === name)!;
        assert.equal(table.columns.map((c) => c.name).join(','), header, `${name}: no column added`);
        const rows = (await readLakeRows(awkward.config, table)).sort((a, b) => Number(a[0]) - Number(b[0]));
        assert.deepEqual(rows, expected, name);
        for (const file of table.snapshot.files.filter((f) => f.format === 'csv')) {
          const csv = (await lake.get(file.key))!.toString('utf8');
          assert.equal(csv.split('\n')[0], header, `${name}: the CSV header`);
          assert.match(csv, /\n1,mine,/, `${name}: the source's own snapshot column`);
        }
        return table;
      };
      const pg = await check('postgresql_snap col', 'id,snapshot,n', [['1', 'mine', '1.5'], ['2', null, 'NaN']]);
      assert.equal(pg.columns[2]!.type, 'string', 'a NUMERIC holding NaN stays exact, as text');
      const my = await check('mysql_snap_col', 'id,snapshot,d,f,b9,b64', [['1', 'mine', '1.25', '1.2345678806304932', '0001', '0000000000000001'], ['2', null, null, '16777216', '0100', 'ffffffffffffffff']]);
      assert.equal(my.columns[2]!.type, 'decimal(38,2)');
    } finally {
      awkward.cleanup();
      await withPostgres((db) => db.query('DROP TABLE IF EXISTS "Snap Col", "Dup", dup, cased'));
      await withMysql((db) => db.query('DROP TABLE IF EXISTS snap_col, `Dup`, dup'));
    }
  });

  test('PostgreSQL partitioned and inherited tables: every row lands once', async () => {
    await withPostgres(async (db) => {
      await db.query('DROP TABLE IF EXISTS parted, kids, kin');
      await db.query('CREATE TABLE parted (id int, region text) PARTITION BY LIST (region)');
      await db.query("CREATE TABLE parted_north PARTITION OF parted FOR VALUES IN ('north')");
      await db.query('CREATE TABLE parted_rest PARTITION OF parted DEFAULT');
      await db.query("INSERT INTO parted VALUES (1, 'north'), (2, 'north'), (3, 'south')");
      await db.query('CREATE TABLE kin (id int, name text)');
      await db.query('CREATE TABLE kids (age int) INHERITS (kin)');
      await db.query("INSERT INTO kin VALUES (1, 'parent row'); INSERT INTO kids VALUES (2, 'child row', 7)");
    });
    const family = await testConfig('local', 'local', 'types-family');
    try {
      // A partition is not a table of the lake: naming one is refused, with the tables there are.
      await assert.rejects(runIngestion(family.config, { ...ingestDefaults, only: ['postgresql'], tables: ['parted_north'] }), /"parted_north" matches no table \(the tables: .*postgresql\.parted/);
      const record = await runIngestion(family.config, { ...ingestDefaults, only: ['postgresql'], tables: ['parted', 'kin', 'kids'] });
      assert.equal(record.status, 'succeeded', JSON.stringify(record.tables));
      assert.deepEqual(record.tables.map((t) => `${t.table}:${t.rows}`).sort(), ['kids:1', 'kin:1', 'parted:3'], 'partitions are read through their table; a parent without its children');
      const tables = await catalogTables(family.config);
      const rows = async (name: string) => sortRows(await readLakeRows(family.config, tables.find((t) => t.name === name)!));
      assert.deepEqual(await rows('postgresql_parted'), sortRows([['1', 'north'], ['2', 'north'], ['3', 'south']]));
      assert.deepEqual(await rows('postgresql_kin'), sortRows([['1', 'parent row']]));
      assert.deepEqual(await rows('postgresql_kids'), sortRows([['2', 'child row', '7']]));
    } finally {
      family.cleanup();
      await withPostgres((db) => db.query('DROP TABLE IF EXISTS parted, kids, kin'));
    }
  });

  test('Cassandra collections arrive as JSON text', async () => {
    const table = (await catalogTables(env.config)).find((t) => t.name === 'cassandra_type_torture')!;
    const rows = await readLakeRows(env.config, table);
    const li = table.columns.findIndex((c) => c.name === 'li');
    const m = table.columns.findIndex((c) => c.name === 'm');
    const first = rows.find((r) => r[table.columns.findIndex((c) => c.name === 'id')] === '1')!;
    assert.equal(first[li], '[1,2,3]');
    assert.equal(first[m], '{"k":1}');
  });
});
