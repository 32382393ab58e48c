import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig, readEnv } from '../../src/config/config.ts';

test('defaults are those of CLI.md', () => {
  const c = parseConfig({});
  assert.deepEqual(c.mysql, { host: '127.0.0.1', port: 3306, database: 'primac', user: 'primac', password: 'primac' });
  assert.deepEqual(c.postgres, { host: '127.0.0.1', port: 5432, database: 'primac_postgres', user: 'primac', password: 'primac' });
  assert.deepEqual(c.cassandra, { host: '127.0.0.1', port: 9042, keyspace: 'primac_db', dataCenter: 'datacenter1' });
  assert.equal(c.lakeUri, './data/lake');
  assert.equal(c.catalog, 'local');
  assert.equal(c.queryEngine, 'duckdb');
  assert.equal(c.glueDatabase, 'primac_analytics_db');
  assert.equal(c.trinoUrl, 'http://127.0.0.1:8080');
  assert.equal(c.port, 8000);
  assert.deepEqual(c.sensitiveColumns, ['mysql.users.password']);
  assert.ok(Object.isFrozen(c) && Object.isFrozen(c.mysql));
});

test('an empty host means the source is not configured', () => {
  const c = parseConfig({ MYSQL_HOST: '', CASSANDRA_HOST: '' });
  assert.equal(c.mysql, null);
  assert.equal(c.cassandra, null);
  assert.notEqual(c.postgres, null);
});

test('the original names: S3_BUCKET alone and AWS_DEFAULT_REGION', () => {
  const c = parseConfig({ S3_BUCKET: 'my-bucket', AWS_DEFAULT_REGION: 'eu-west-1' });
  assert.equal(c.lakeUri, 's3://my-bucket');
  assert.equal(c.awsRegion, 'eu-west-1');
  assert.equal(parseConfig({ S3_BUCKET: 'bucket-one', LAKE_URI: 's3://bucket-two/x/' }).lakeUri, 's3://bucket-two/x');
});

test('a bad value names the variable, the value and what is allowed', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ MYSQL_PORT: 'abc' }, /MYSQL_PORT="abc" is not valid: expected a TCP port, an integer from 1 to 65535/],
    [{ POSTGRES_PORT: '70000' }, /POSTGRES_PORT="70000"/],
    [{ CATALOG: 'hive' }, /CATALOG="hive" is not valid: expected one of local, glue/],
    [{ QUERY_ENGINE: 'spark' }, /QUERY_ENGINE="spark" is not valid: expected one of duckdb, athena, trino/],
    [{ TRINO_URL: 'ftp://x' }, /TRINO_URL="ftp:\/\/x"/],
    [{ LAKE_URI: 'gs://bucket' }, /LAKE_URI="gs:\/\/bucket"/],
    [{ LAKE_URI: 's3://A_B' }, /LAKE_URI/],
    [{ SENSITIVE_COLUMNS: 'users.password' }, /SENSITIVE_COLUMNS=.*source\.table\.column/],
    [{ ATHENA_OUTPUT: 'bucket/results' }, /ATHENA_OUTPUT="bucket\/results" is not valid: expected s3:\/\/bucket\[\/prefix\/\]/],
    [{ ATHENA_ENDPOINT: 'localhost:5000' }, /ATHENA_ENDPOINT="localhost:5000" is not valid: expected an http:\/\/ or https:\/\/ URL/],
    [{ ATHENA_RESULT_REUSE_MINUTES: '20000' }, /ATHENA_RESULT_REUSE_MINUTES="20000" is not valid: expected an integer from 0 to 10080/],
    [{ QUERY_ENGINE: 'athena', LAKE_URI: 's3://bucket/lake' }, /QUERY_ENGINE=athena needs CATALOG=glue .*; CATALOG="local" is not valid with it/],
    [{ QUERY_ENGINE: 'athena', CATALOG: 'glue' }, /QUERY_ENGINE=athena needs LAKE_URI=s3:\/\/bucket\[\/prefix\] .*; LAKE_URI=".\/data\/lake" is a local folder/],
  ];
  for (const [env, message] of cases) assert.throws(() => parseConfig(env), (e: Error & { code?: string }) => e.code === 'CONFIG_INVALID' && message.test(e.message));
});

test('no secret appears in a validation message about another variable', () => {
  assert.throws(() => parseConfig({ MYSQL_PASSWORD: 's3cret!', MYSQL_PORT: 'x' }), (e: Error) => !e.message.includes('s3cret!'));
});

test('Athena settings: defaults, and the output location kept as a folder', () => {
  const d = parseConfig({});
  assert.equal(d.athenaWorkgroup, 'primary');
  assert.equal(d.athenaOutput, null);
  assert.equal(d.athenaEndpoint, null);
  assert.equal(d.athenaResultReuseMinutes, 60);
  const c = parseConfig({ QUERY_ENGINE: 'athena', CATALOG: 'glue', LAKE_URI: 's3://lake-bucket/lake', ATHENA_OUTPUT: 's3://results-bucket/athena', ATHENA_RESULT_REUSE_MINUTES: '0' });
  assert.equal(c.queryEngine, 'athena');
  assert.equal(c.athenaOutput, 's3://results-bucket/athena/');
  assert.equal(c.athenaResultReuseMinutes, 0);
});

test('SENSITIVE_COLUMNS: empty or only commas means the default, none means no column; a .env that is a folder is named', () => {
  for (const value of ['', ' , ']) {
    const c = parseConfig({ SENSITIVE_COLUMNS: value });
    assert.deepEqual(c.sensitiveColumns, ['mysql.users.password']);
    assert.equal(c.sensitiveColumnsGiven, false);
  }
  assert.deepEqual(parseConfig({ SENSITIVE_COLUMNS: 'none' }).sensitiveColumns, []);
  assert.equal(parseConfig({ SENSITIVE_COLUMNS: 'mysql.users.ssn' }).sensitiveColumnsGiven, true);
  const folder = mkdtempSync(join(tmpdir(), 'primac-dotenv-'));
  try {
    mkdirSync(join(folder, '.env'));
    assert.throws(() => readEnv(folder, {}), /The \.env file in the working folder cannot be read \(EISDIR\)/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
