/**
 * The deployment files: both Compose files validate with docker-compose (no engine needed) and declare the services,
 * ports and variables the guide promises; the production nginx file is what the generator makes; the Dockerfile is
 * multi-stage, non-root, with a healthcheck; the IAM policy covers exactly the AWS actions the code calls.
 */
import assert from 'node:assert/strict';
import { glueCatalogProperties } from '../../src/services/trino-files.ts';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { productionNginxConfig } from '../../src/services/nginx-config.ts';
import { projectRoot } from '../../src/services/paths.ts';

const COMPOSE = '/usr/bin/docker-compose';
const missing = existsSync(COMPOSE) ? null : 'docker-compose is not installed (npx primac services start compose)';
if (missing && process.env.CI === 'true') throw new Error(`CI=true and ${missing}`);
const read = (path: string) => readFileSync(join(projectRoot, path), 'utf8');

function composeConfig(file: string, envFile: string): any {
  const folder = mkdtempSync(join(tmpdir(), 'primac-compose-'));
  try {
    for (const f of [file, 'Dockerfile']) copyFileSync(join(projectRoot, f), join(folder, f));
    copyFileSync(join(projectRoot, envFile), join(folder, '.env.production'));
    copyFileSync(join(projectRoot, envFile), join(folder, '.env'));
    const out = execFileSync(COMPOSE, ['-f', join(folder, file), 'config'], { cwd: folder, encoding: 'utf8', env: { ...process.env, LAKE_URI: 's3://bucket/lake' } });
    return out;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

test('docker-compose.yml: the local stack validates and has every part', { skip: missing ?? false }, () => {
  const config = composeConfig('docker-compose.yml', '.env.example');
  for (const service of ['mysql:', 'postgres:', 'cassandra:', 's3:', 'seeder:', 'ingest:', 'api1:', 'api2:', 'nginx:']) assert.match(config, new RegExp(`^  ${service}`, 'm'), service);
  assert.match(config, /published: 80\b|- 80:80|80:80/);
  for (const variable of ['MYSQL_HOST: mysql', 'POSTGRES_HOST: postgres', 'CASSANDRA_HOST: cassandra', 'S3_ENDPOINT: http://s3:5000', 'CATALOG: glue']) assert.ok(config.includes(variable), variable);
});

test('docker-compose.production.yml: no databases, remote sources from .env.production, AWS lake', { skip: missing ?? false }, () => {
  const config = composeConfig('docker-compose.production.yml', '.env.production.example');
  for (const service of ['ingest:', 'api1:', 'api2:', 'nginx:']) assert.match(config, new RegExp(`^  ${service}`, 'm'), service);
  for (const db of ['mysql:', 'postgres:', 'cassandra:', 's3:']) assert.doesNotMatch(config, new RegExp(`^  ${db}`, 'm'), db);
  for (const variable of ['MYSQL_HOST', 'POSTGRES_HOST', 'CASSANDRA_HOST', 'LAKE_URI', 'GLUE_DATABASE']) assert.ok(config.includes(variable), variable);
});

test('deploy/nginx/nginx.conf is the generator\'s production configuration', () => {
  assert.equal(read('deploy/nginx/nginx.conf'), productionNginxConfig());
});

test('Dockerfile: multi-stage, non-root, healthcheck on /health', () => {
  const file = read('Dockerfile');
  assert.ok((file.match(/^FROM /gm) ?? []).length >= 2);
  assert.match(file, /^USER node$/m);
  assert.match(file, /^HEALTHCHECK [\s\S]*\/health/m);
  assert.match(file, /npm ci --omit=dev/);
  const cliFlags = read('bin/primac.js').split('\n')[0]!.split(/\s+/).filter((w) => w.startsWith('--'));
  assert.ok(cliFlags.length > 0);
  assert.match(file, new RegExp(`^ENTRYPOINT \\["tini", "--", "node", ${cliFlags.map((f) => `"${f}", `).join('')}"bin/primac.js"\\]$`, 'm'));
});

/** S3 and Glue SDK commands → IAM actions (lib-storage's Upload is the multipart family, under PutObject). */
function actionsCalledByCode(): Set<string> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith('.ts')) files.push(join(dir, e.name));
    }
  };
  walk(join(projectRoot, 'src'));
  const special: Record<string, string[]> = { ListObjectsV2: ['s3:ListBucket'], HeadBucket: ['s3:ListBucket'], DeleteObjects: ['s3:DeleteObject'] };
  const actions = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const service = /from '@aws-sdk\/client-(s3|glue|athena)'/.exec(text)?.[1];
    if (service) for (const m of text.matchAll(/new (\w+)Command\(/g)) for (const a of special[m[1]!] ?? [`${service}:${m[1]}`]) actions.add(a);
    if (/from '@aws-sdk\/lib-storage'/.test(text) && /new Upload\(/.test(text)) ['s3:PutObject', 's3:AbortMultipartUpload'].forEach((a) => actions.add(a));
  }
  return actions;
}

/** What Athena calls with the caller's permissions while running our queries (the code never calls them). */
const ATHENA_ON_OUR_BEHALF = ['glue:GetPartitions', 's3:GetBucketLocation'];

test('the IAM policy covers exactly the AWS actions the code calls, plus those Athena calls on its behalf', () => {
  const policy = JSON.parse(read('deploy/aws/iam-policy.json'));
  const statements: { Sid: string; Action: string[] }[] = policy.Statement;
  assert.deepEqual(statements.find((s) => s.Sid === 'AthenaOnOurBehalf')?.Action.sort(), ATHENA_ON_OUR_BEHALF);
  const granted = new Set<string>(statements.filter((s) => s.Sid !== 'AthenaOnOurBehalf').flatMap((s) => s.Action));
  const called = actionsCalledByCode();
  assert.ok(called.size >= 10, `found ${called.size} actions`);
  assert.deepEqual([...called].sort(), [...granted].sort());
});

test("the Compose stack's Trino catalog is the one the local Trino uses, pointed at the stack's S3/Glue server", () => {
  assert.equal(read('deploy/trino/glue.properties'), glueCatalogProperties('http://s3:5000'));
});
