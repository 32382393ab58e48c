/**
 * Secrets never reach a log or an answer: ingestion and doctor with wrong passwords, and the API with keys and
 * failing requests, run as real processes; their whole output is searched for the configured secrets.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseConfig } from '../../src/config/config.ts';
import { writeSyntheticLake } from '../../src/seed/synthetic-lake.ts';
import { projectRoot } from '../../src/services/paths.ts';
import { missingServers } from '../helpers/servers.ts';

const skip = await missingServers(['mysql', 'postgres']);
const SECRETS = { MYSQL_PASSWORD: 'Wr0ng-My-Secret-4821', POSTGRES_PASSWORD: 'Wr0ng-Pg-Secret-9377', API_KEYS: 'key-Alpha-55a1f0,key-Beta-93bb27' };

function cli(args: string[], env: Record<string, string>): string {
  const run = spawnSync(process.execPath, ['bin/primac.js', ...args], { cwd: projectRoot, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
  return `${run.stdout}\n${run.stderr}`;
}

function assertClean(output: string, what: string): void {
  for (const secret of [SECRETS.MYSQL_PASSWORD, SECRETS.POSTGRES_PASSWORD, 'key-Alpha-55a1f0', 'key-Beta-93bb27']) {
    assert.ok(!output.includes(secret), `${what} leaked a secret`);
  }
}

test('ingest and doctor with wrong passwords: clear errors, no password in the output', { skip: skip ?? false }, () => {
  const lake = mkdtempSync(join(tmpdir(), 'primac-secrets-'));
  try {
    const env = { ...SECRETS, LAKE_URI: lake, CASSANDRA_HOST: '' };
    const ingest = cli(['ingest', '--only', 'mysql,postgres'], env);
    assert.match(ingest, /MySQL at .*access denied|MySQL at .*authentication/i);
    assert.match(ingest, /PostgreSQL at .*authentication failed/i);
    assertClean(ingest, 'ingest');
    const doctor = cli(['doctor'], { ...env, PRIMAC_PG_SCANNER: '1' });
    assert.match(doctor, /FAIL mysql/);
    assertClean(doctor, 'doctor');
  } finally {
    rmSync(lake, { recursive: true, force: true });
  }
});

test('the API with keys: health open, routes closed without a key, logs keep no key', async () => {
  const lake = mkdtempSync(join(tmpdir(), 'primac-secrets-api-'));
  await writeSyntheticLake(parseConfig({ LAKE_URI: lake }), { scale: 0.01 });
  const port = 8391;
  const server = spawn(process.execPath, ['bin/primac.js', 'serve', '--port', String(port)], { cwd: projectRoot, env: { ...process.env, ...SECRETS, LAKE_URI: lake, LOG_LEVEL: 'info' } });
  let output = '';
  server.stdout.on('data', (d: Buffer) => { output += d.toString(); });
  server.stderr.on('data', (d: Buffer) => { output += d.toString(); });
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100 && !(await fetch(`${base}/health`).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal((await fetch(`${base}/health`)).status, 200);
    assert.equal((await fetch(`${base}/docs/`)).status, 200);
    const denied = await fetch(`${base}/mysql/analytics/users`);
    assert.equal(denied.status, 401);
    assert.equal((await denied.json()).error.code, 'UNAUTHORIZED');
    assert.equal((await fetch(`${base}/mysql/analytics/users`, { headers: { 'x-api-key': 'key-Alpha-55a1f0' } })).status, 200);
    assert.equal((await fetch(`${base}/mysql/analytics/users`, { headers: { authorization: 'Bearer key-Beta-93bb27' } })).status, 200);
    assert.equal((await fetch(`${base}/mysql/analytics/users`, { headers: { 'x-api-key': 'key-Alpha-55a1f1' } })).status, 401);
    const bad = await fetch(`${base}/mysql/analytics/growth-by-state?months=99`, { headers: { 'x-api-key': 'key-Alpha-55a1f0' } });
    assert.equal(bad.status, 400);
    assert.equal((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer key-Beta-93bb27' } })).status, 200);
    const headers = (await fetch(`${base}/health`)).headers;
    assert.equal(headers.get('x-content-type-options'), 'nosniff');
    assert.ok(headers.get('x-frame-options'));
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.on('exit', r));
    rmSync(lake, { recursive: true, force: true });
  }
  assert.match(output, /"reqId"/, 'request ids are logged');
  assertClean(output, 'serve');
});
