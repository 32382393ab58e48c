/**
 * The Athena engine's protocol handling against moto's Athena (it never runs SQL: results are canned, states are
 * scripted with moto's state manager). What moto cannot script (FAILED states, AccessDenied, throttling, paging)
 * is answered by a recording proxy in front of it, still through the real SDK. The SQL itself is the Trino
 * rendering, tested on Trino.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { AthenaClient, CreateWorkGroupCommand, GetQueryExecutionCommand } from '@aws-sdk/client-athena';
import type { CatalogTable } from '../../src/catalog/catalog.ts';
import { parseConfig } from '../../src/config/config.ts';
import { isPrimacError } from '../../src/core/errors.ts';
import { createAthenaEngine, type AthenaEngineOptions } from '../../src/engines/athena/athena-engine.ts';
import { openEngine } from '../../src/engines/registry.ts';
import { trinoDialect } from '../../src/engines/trino/trino-dialect.ts';
import { openLake } from '../../src/lake/registry.ts';
import { athenaPollsPerState, awsError, queueAthenaResult, startAthenaProxy, type AthenaProxy } from '../helpers/athena-proxy.ts';
import { ensureBucket, MOTO } from '../helpers/lake.ts';
import { missingServers } from '../helpers/servers.ts';

const skip = await missingServers(['s3']);

const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const WORKGROUP = `primac-test-${unique}`;
const WORKGROUP_WITH_OUTPUT = `primac-test-out-${unique}`;
const OUTPUT = 's3://primac-test-athena/results/';
const moto = new AthenaClient({ region: 'us-east-1', endpoint: MOTO });
let proxy: AthenaProxy;

describe('the Athena engine against moto', { skip: skip ?? false }, () => {
  before(async () => {
    proxy = await startAthenaProxy();
    await ensureBucket('primac-test-athena');
    await moto.send(new CreateWorkGroupCommand({ Name: WORKGROUP, Configuration: {} }));
    await moto.send(new CreateWorkGroupCommand({ Name: WORKGROUP_WITH_OUTPUT, Configuration: { ResultConfiguration: { OutputLocation: `${OUTPUT}wg/` } } }));
  });
  after(async () => {
    await athenaPollsPerState(null);
    await proxy.close();
    moto.destroy();
  });
  beforeEach(() => proxy.reset());

  const engine = (options: Partial<AthenaEngineOptions> = {}) => createAthenaEngine({
    region: 'us-east-1', endpoint: proxy.endpoint, workgroup: WORKGROUP, database: 'primac_analytics_test', outputLocation: OUTPUT,
    reuseMinutes: 60, timeoutMs: 15_000, pollInitialMs: 20, pollMaxMs: 100, maxAttempts: 3, ...options,
  });
  const table = (name: string, id: string) => ({ name, snapshot: { id, committedAt: '2026-01-01T00:00:00.000Z', rows: 1, files: [{ key: 'p/part-0.parquet', format: 'parquet', rows: 1, bytes: 1 }] } }) as unknown as CatalogTable;
  const coded = (code: string, check: (e: Error & { retryable?: boolean }) => boolean = () => true) => (e: unknown) => isPrimacError(e) && e.code === code && check(e);
  const motoState = async (id: string) => (await moto.send(new GetQueryExecutionCommand({ QueryExecutionId: id }))).QueryExecution!;

  test('every Athena type becomes a plain value: numbers as numbers, decimals as exact text, NULL as null', async () => {
    const columns = [
      { name: 'id', type: 'bigint' }, { name: 'big', type: 'bigint' }, { name: 'n', type: 'integer' }, { name: 's', type: 'smallint' },
      { name: 't', type: 'tinyint' }, { name: 'amount', type: 'decimal', precision: 12, scale: 2 }, { name: 'ratio', type: 'double' },
      { name: 'r', type: 'real' }, { name: 'ok', type: 'boolean' }, { name: 'day', type: 'date' }, { name: 'at', type: 'timestamp' }, { name: 'name', type: 'varchar' },
    ];
    await queueAthenaResult([
      columns.map((c) => c.name),
      ['42', '9007199254740993', '-7', '300', '5', '1234.50', '0.125', '1.5', 'true', '2024-02-29', '2024-01-02 03:04:05.123', 'Zoë'],
      ['0', null, null, null, null, '-0.05', null, null, 'false', null, null, ''],
      [null, null, null, null, null, null, null, null, null, null, null, null],
    ], columns);
    const e = await engine();
    const rows = await e.query('SELECT * FROM t');
    assert.deepEqual(rows, [
      { id: 42, big: '9007199254740993', n: -7, s: 300, t: 5, amount: '1234.50', ratio: 0.125, r: 1.5, ok: true, day: '2024-02-29', at: '2024-01-02T03:04:05.123Z', name: 'Zoë' },
      { id: 0, big: null, n: null, s: null, t: null, amount: '-0.05', ratio: null, r: null, ok: false, day: null, at: null, name: '' },
      Object.fromEntries(columns.map((c) => [c.name, null])),
    ]);
    assert.equal(typeof rows[0]!.id, 'number');
    assert.equal(typeof rows[0]!.amount, 'string');
    await e.close();
  });

  test('every page is read (NextToken); only the first row of the first page is the header', async () => {
    const columns = [{ name: 'k', type: 'varchar' }, { name: 'v', type: 'integer' }];
    // A data row equal to the labels is data: the header is dropped by position, not by content.
    const data = [['k', '1'], ['b', '2'], ['c', '3'], ['d', '4'], ['e', '5']];
    await queueAthenaResult([['k', 'v'], ...data], columns);
    proxy.after = (call, answer) => {
      if (call.operation !== 'GetQueryResults') return answer;
      // moto ignores paging; AWS pages by MaxResults with the header counted in the first page.
      const all = (answer.body as any).ResultSet.Rows as unknown[];
      const from = Number(call.body.NextToken ?? 0);
      const body = { ...(answer.body as object), ResultSet: { ...(answer.body as any).ResultSet, Rows: all.slice(from, from + 2) } };
      return { status: 200, body: from + 2 < all.length ? { ...body, NextToken: String(from + 2) } : body };
    };
    const e = await engine();
    assert.deepEqual(await e.query('SELECT k, v FROM t'), data.map(([k, v]) => ({ k, v: Number(v) })));
    const pages = proxy.of('GetQueryResults');
    assert.deepEqual(pages.map((c) => c.body.NextToken), [undefined, '2', '4']);
    assert.ok(pages.every((c) => c.body.MaxResults === 1000));
    await e.close();
  });

  test('QUEUED and RUNNING are polled with a delay doubling up to its cap', async () => {
    await athenaPollsPerState(3);
    try {
      await queueAthenaResult([['ok'], ['1']], [{ name: 'ok', type: 'integer' }]);
      const e = await engine({ pollInitialMs: 40, pollMaxMs: 160 });
      assert.deepEqual(await e.query('SELECT 1 AS ok'), [{ ok: 1 }]);
      // moto: 2 polls QUEUED, 3 RUNNING, then SUCCEEDED.
      const polls = proxy.of('GetQueryExecution').map((c) => c.at);
      assert.equal(polls.length, 6);
      const gaps = polls.slice(1).map((at, i) => at - polls[i]!);
      [40, 80, 160, 160, 160].forEach((expected, i) => assert.ok(gaps[i]! >= expected - 2 && gaps[i]! < expected + 250, `gap ${i}: ${gaps[i]} ms, expected ~${expected}`));
      assert.equal(proxy.of('StopQueryExecution').length, 0);
      await e.close();
    } finally {
      await athenaPollsPerState(null);
    }
  });

  test('StartQueryExecution carries the Glue database, workgroup, output location and result reuse; snapshots key the text', async () => {
    const e = await engine();
    await e.sync([table('mysql_users', '20260101T000000000Z_000'), table('postgresql_policy', '20260101T000000000Z_001')]);
    await e.query('SELECT count(*) AS n FROM "mysql_users"');
    const [start] = proxy.of('StartQueryExecution');
    assert.deepEqual(start!.body.QueryExecutionContext, { Catalog: 'AwsDataCatalog', Database: 'primac_analytics_test' });
    assert.equal(start!.body.WorkGroup, WORKGROUP);
    assert.deepEqual(start!.body.ResultConfiguration, { OutputLocation: OUTPUT });
    assert.deepEqual(start!.body.ResultReuseConfiguration, { ResultReuseByAgeConfiguration: { Enabled: true, MaxAgeInMinutes: 60 } });
    assert.equal(start!.body.QueryString, 'SELECT count(*) AS n FROM "mysql_users"\n-- primac snapshots: mysql_users=20260101T000000000Z_000');
    // moto's own record of the execution.
    const execution = await motoState(proxy.of('GetQueryExecution')[0]!.body.QueryExecutionId);
    assert.equal(execution.WorkGroup, WORKGROUP);
    assert.ok(execution.ResultConfiguration?.OutputLocation?.startsWith(OUTPUT));
    assert.equal(execution.QueryExecutionContext?.Database, 'primac_analytics_test');

    // A new snapshot changes the text, so Athena cannot reuse the older snapshot's result.
    await e.sync([table('mysql_users', '20260102T000000000Z_000')]);
    await e.query('SELECT count(*) AS n FROM "mysql_users"');
    assert.match(proxy.of('StartQueryExecution')[1]!.body.QueryString, /mysql_users=20260102T000000000Z_000$/);
    await e.close();

    const off = await engine({ reuseMinutes: 0 });
    await off.query('SELECT 1');
    assert.deepEqual(proxy.of('StartQueryExecution')[2]!.body.ResultReuseConfiguration, { ResultReuseByAgeConfiguration: { Enabled: false } });
    assert.equal(proxy.of('StartQueryExecution')[2]!.body.QueryString, 'SELECT 1');
    await off.close();
  });

  test('a FAILED query: a missing table, a denied read and other failures are coded, with Athena\'s reason and never the SQL', async () => {
    const failWith = (reason: string, athenaError: object) => {
      proxy.after = (call, answer) => call.operation !== 'GetQueryExecution' ? answer : {
        status: 200, body: { QueryExecution: { ...(answer.body as any).QueryExecution, Status: { State: 'FAILED', StateChangeReason: reason, AthenaError: { ErrorMessage: reason, ...athenaError } } } },
      };
    };
    const e = await engine();
    const sql = 'SELECT /* sql-marker */ x FROM nope';
    failWith("TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.primac_analytics_test.nope' does not exist", { ErrorCategory: 2, ErrorType: 1006, Retryable: false });
    await assert.rejects(e.query(sql), coded('ENGINE_TABLE_NOT_FOUND', (err) => /does not exist/.test(err.message) && /GLUE_DATABASE=primac_analytics_test/.test(err.message) && !err.message.includes('sql-marker') && !err.retryable));
    failWith('PERMISSION_DENIED: Access Denied (Service: Amazon S3; Status Code: 403)', { ErrorCategory: 2, ErrorType: 1000, Retryable: false });
    await assert.rejects(e.query(sql), coded('ENGINE_PERMISSION_DENIED', (err) => /Access Denied/.test(err.message) && /s3:GetObject/.test(err.message)));
    failWith('GENERIC_INTERNAL_ERROR: the worker went away\nat io.trino…', { ErrorCategory: 1, ErrorType: 200, Retryable: true });
    await assert.rejects(e.query(sql), coded('ENGINE_FAILED', (err) => err.message === 'Athena failed the query: GENERIC_INTERNAL_ERROR: the worker went away' && err.retryable === true));
    failWith('NOT_SUPPORTED: no', { ErrorCategory: 2, ErrorType: 1000, Retryable: false });
    await assert.rejects(e.query(sql), coded('ENGINE_FAILED', (err) => err.retryable === false));
    // A query that ended on its own is not stopped.
    assert.equal(proxy.of('StopQueryExecution').length, 0);
    await e.close();
  });

  test('AccessDenied from the API → ENGINE_PERMISSION_DENIED naming the action and the policy file, not the caller', async () => {
    proxy.before = (call) => call.operation === 'StartQueryExecution'
      ? awsError('AccessDeniedException', 'User: arn:aws:sts::123456789012:assumed-role/primac-api/i-0abc is not authorized to perform: athena:StartQueryExecution on resource: arn:aws:athena:us-east-1:123456789012:workgroup/primary because no identity-based policy allows the athena:StartQueryExecution action')
      : undefined;
    const e = await engine();
    await assert.rejects(e.query('SELECT 1'), coded('ENGINE_PERMISSION_DENIED', (err) => /athena:StartQueryExecution/.test(err.message) && /iam-policy\.json/.test(err.message) && !/assumed-role|123456789012/.test(err.message) && !err.retryable));
    assert.equal(proxy.of('StartQueryExecution').length, 1, 'a denial is not retried');
    await e.close();
  });

  test('throttling is retried (same idempotency token), then reported as ENGINE_THROTTLED', async () => {
    proxy.before = (call, nth) => call.operation === 'StartQueryExecution' && nth <= 2 ? awsError('TooManyRequestsException', 'Rate exceeded', 400, { Reason: 'CONCURRENT_QUERY_LIMIT_EXCEEDED' }) : undefined;
    const e = await engine({ maxAttempts: 3 });
    await e.query('SELECT 1');
    const starts = proxy.of('StartQueryExecution');
    assert.equal(starts.length, 3);
    assert.equal(new Set(starts.map((c) => c.body.ClientRequestToken)).size, 1);
    await e.close();

    proxy.reset();
    proxy.before = (call) => call.operation === 'StartQueryExecution' ? awsError('TooManyRequestsException', 'Rate exceeded', 400, { Reason: 'CONCURRENT_QUERY_LIMIT_EXCEEDED' }) : undefined;
    const limited = await engine({ maxAttempts: 2 });
    await assert.rejects(limited.query('SELECT 1'), coded('ENGINE_THROTTLED', (err) => err.retryable === true));
    assert.equal(proxy.of('StartQueryExecution').length, 2);
    await limited.close();
  });

  test('when the caller gives up, the query is stopped (moto: CANCELLED) and the abort reason is thrown', async () => {
    await athenaPollsPerState(10_000);
    try {
      const e = await engine();
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      await assert.rejects(e.query('SELECT 1', { signal: controller.signal }), (err: Error) => err.name === 'AbortError');
      assert.equal(proxy.of('StartQueryExecution').length, 1);
      const id = proxy.of('GetQueryExecution')[0]!.body.QueryExecutionId;
      assert.deepEqual(proxy.of('StopQueryExecution').map((c) => c.body.QueryExecutionId), [id]);
      assert.equal((await motoState(id)).Status?.State, 'CANCELLED');
      assert.equal(proxy.of('GetQueryResults').length, 0);

      // Already given up: nothing is started.
      proxy.reset();
      await assert.rejects(e.query('SELECT 1', { signal: AbortSignal.abort() }), (err: Error) => err.name === 'AbortError');
      assert.equal(proxy.calls.length, 0);
      await e.close();
    } finally {
      await athenaPollsPerState(null);
    }
  });

  test('a query past the timeout is stopped and reported as ENGINE_TIMEOUT', async () => {
    await athenaPollsPerState(10_000);
    try {
      const e = await engine({ timeoutMs: 300 });
      await assert.rejects(e.query('SELECT 1'), coded('ENGINE_TIMEOUT', (err) => err.retryable === true && /0\.3 s/.test(err.message)));
      const id = proxy.of('GetQueryExecution')[0]!.body.QueryExecutionId;
      assert.deepEqual(proxy.of('StopQueryExecution').map((c) => c.body.QueryExecutionId), [id]);
      assert.equal((await motoState(id)).Status?.State, 'CANCELLED');
      await e.close();
    } finally {
      await athenaPollsPerState(null);
    }
  });

  test('without ATHENA_OUTPUT the workgroup must have a result location (checked once, before the first query)', async () => {
    const withOutput = await engine({ workgroup: WORKGROUP_WITH_OUTPUT, outputLocation: null });
    await withOutput.query('SELECT 1');
    await withOutput.query('SELECT 2');
    assert.equal(proxy.of('GetWorkGroup').length, 1);
    assert.ok(proxy.of('StartQueryExecution').every((c) => c.body.ResultConfiguration === undefined));
    await withOutput.close();

    const without = await engine({ outputLocation: null });
    await assert.rejects(without.query('SELECT 1'), coded('CONFIG_INVALID', (err) => /ATHENA_OUTPUT is not set/.test(err.message) && err.message.includes(WORKGROUP)));
    await without.close();
    const missing = await engine({ workgroup: 'no-such-workgroup', outputLocation: null });
    await assert.rejects(missing.query('SELECT 1'), coded('CONFIG_INVALID', (err) => /ATHENA_WORKGROUP="no-such-workgroup" is not valid/.test(err.message)));
    await missing.close();
  });

  test('Athena rejects the request (moto: an unknown workgroup) → ENGINE_FAILED naming the settings to check', async () => {
    const e = await engine({ workgroup: 'no-such-workgroup' });
    await assert.rejects(e.query('SELECT 1'), coded('ENGINE_FAILED', (err) => /StartQueryExecution: WorkGroup does not exist/.test(err.message) && /ATHENA_WORKGROUP=no-such-workgroup/.test(err.message) && !err.retryable));
    await e.close();
  });

  test('an endpoint that does not answer → ENGINE_UNREACHABLE (retryable)', async () => {
    const e = await engine({ endpoint: 'http://127.0.0.1:9', maxAttempts: 1 });
    await assert.rejects(e.query('SELECT 1'), coded('ENGINE_UNREACHABLE', (err) => err.retryable === true && /ATHENA_ENDPOINT/.test(err.message)));
    await e.close();
  });

  test('openEngine: QUERY_ENGINE=athena from the configuration, in the Trino dialect', async () => {
    const config = parseConfig({
      QUERY_ENGINE: 'athena', CATALOG: 'glue', LAKE_URI: 's3://primac-test-lake/athena', S3_ENDPOINT: MOTO, GLUE_ENDPOINT: MOTO,
      GLUE_DATABASE: 'primac_from_config', ATHENA_ENDPOINT: proxy.endpoint, ATHENA_WORKGROUP: WORKGROUP, ATHENA_OUTPUT: 's3://primac-test-athena/config',
    });
    const e = await openEngine(config, await openLake(config));
    assert.equal(e.kind, 'athena');
    assert.equal(e.dialect, trinoDialect);
    await queueAthenaResult([['ok'], ['1']], [{ name: 'ok', type: 'integer' }]);
    assert.deepEqual(await e.query('SELECT 1 AS ok'), [{ ok: 1 }]);
    const [start] = proxy.of('StartQueryExecution');
    assert.equal(start!.body.QueryExecutionContext.Database, 'primac_from_config');
    assert.equal(start!.body.ResultConfiguration.OutputLocation, 's3://primac-test-athena/config/');
    assert.equal(start!.body.ResultReuseConfiguration.ResultReuseByAgeConfiguration.MaxAgeInMinutes, 60);
    await e.close();
  });
});
