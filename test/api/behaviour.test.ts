/**
 * The API's behaviour around the numbers: documented responses (validated against the OpenAPI schemas), errors
 * for bad input (always a JSON 4xx naming the problem, never a stack trace or a path), 503 without data, the result
 * cache and snapshot freshness, CSV sections, the docs pages, and the team's loose data.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';

const addFormats = formats as unknown as (ajv: Ajv) => Ajv;
import { buildApp } from '../../src/api/app.ts';
import { ANALYTICS_ROUTES } from '../../src/api/routes/analytics-routes.ts';
import { openCatalog } from '../../src/catalog/registry.ts';
import { createDuckdbEngine } from '../../src/engines/duckdb/duckdb-engine.ts';
import { runIngestion } from '../../src/ingest/run.ts';
import { openLake } from '../../src/lake/registry.ts';
import { seed } from '../../src/seed/seed.ts';
import { apiOverIngestedLake, getJson, type ApiFixture } from '../helpers/api.ts';
import { ingestDefaults } from '../helpers/ingest.ts';
import { testConfig } from '../helpers/lake.ts';
import { config, missingServers } from '../helpers/servers.ts';

const skip = await missingServers(['mysql', 'postgres', 'cassandra']);

describe('API behaviour', { skip: skip ?? false }, () => {
  let api: ApiFixture;
  before(async () => {
    await seed(config, { scale: 0.02, seed: 9, shape: 'consistent', until: Date.parse('2026-06-01T00:00:00Z'), loadTime: 0 }, ['mysql', 'postgres', 'cassandra']);
    api = await apiOverIngestedLake('behaviour');
  });
  after(async () => api?.close());

  test('every analytics answer matches its documented schema', async () => {
    const spec = (await getJson(api.app, '/openapi.json')).body;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    for (const route of ANALYTICS_ROUTES) {
      const schema = spec.paths[route.path].get.responses['200'].content['application/json'].schema;
      assert.ok(schema.properties.meta, `${route.path} documents meta`);
      const { status, body } = await getJson(api.app, route.path);
      assert.equal(status, 200);
      const valid = ajv.validate(schema, body);
      assert.ok(valid, `${route.path}: ${ajv.errorsText()}`);
      assert.ok(route.description.length > 40, `${route.path} has a definition in its description`);
    }
    for (const path of ['/', '/health', '/datasets', '/ingestion/runs', '/quality/references']) {
      const schema = spec.paths[path].get.responses['200'].content['application/json'].schema;
      const { status, body } = await getJson(api.app, path);
      assert.equal(status, 200, path);
      assert.ok(ajv.validate(schema, body), `${path}: ${ajv.errorsText()}`);
    }
    const errorSchema = spec.paths['/mysql/analytics/users'].get.responses['400'].content['application/json'].schema;
    assert.ok(ajv.validate(errorSchema, (await getJson(api.app, '/mysql/analytics/users?as_of=2024-13-01')).body), ajv.errorsText());
    for (const status of ['401', '429', '500', '503']) assert.ok(spec.paths['/cross/analytics/agent-performance'].get.responses[status], `${status} is documented`);
    assert.ok(spec.paths['/cross/analytics/agent-performance'].get.responses['200'].content['text/csv'], 'CSV answers are documented');
  });

  test('bad input gets a JSON 400 naming the parameter, the value and what is allowed', async () => {
    const cases: [string, string, RegExp][] = [
      ['/mysql/analytics/users?as_of=2025-02-30', 'as_of', /YYYY-MM-DD/],
      ['/mysql/analytics/users?as_of=yesterday', 'as_of', /YYYY-MM-DD/],
      ['/mysql/analytics/users?as_of=2024-13-01', 'as_of', /exists in the calendar/],
      ['/cassandra/analytics/claims?as_of=2024-00-10', 'as_of', /exists in the calendar/],
      ['/cross/analytics/claims-vs-policies?as_of=2024-01-32', 'as_of', /exists in the calendar/],
      ['/mysql/analytics/users?as_of=1899-12-31', 'as_of', /from 1900-01-01 to 9999-12-31/],
      ['/mysql/analytics/users?as_of=0024-01-01', 'as_of', /out of range/],
      ['/mysql/analytics/users?as_of=2024-01-01&as_of=2024-02-01', 'as_of', /given 2 times; give it once/],
      ['/mysql/analytics/growth-by-state?months=40&months=12', 'months', /once/],
      ['/mysql/analytics/users?section=users_by_state', 'section', /format=csv/],
      ['/mysql/analytics/growth-by-state?months=0', 'months', /1 to 36/],
      ['/mysql/analytics/growth-by-state?months=37', 'months', /1 to 36/],
      ['/mysql/analytics/growth-by-state?months=1.5', 'months', /integer/],
      ['/mysql/analytics/growth-by-state?months=abc', 'months', /integer/],
      ['/cross/analytics/agent-performance?limit=0', 'limit', /1 to 1000/],
      ['/cross/analytics/agent-performance?limit=1001', 'limit', /1 to 1000/],
      ['/cross/analytics/agent-performance?offset=-1', 'offset', /0 to/],
      ['/cassandra/analytics/claims?format=xml', 'format', /json, csv/],
      ['/cassandra/analytics/claims?format=csv&section=nope', 'section', /amount_bands/],
      ['/postgresql/analytics/products?foo=1', 'foo', /takes as_of/],
      ['/datasets?x=1', 'x', /no parameters/],
      ['/?x=1', 'x', /no parameters/],
      ['/ingestion/runs?limit=0', 'limit', /1 to 100/],
    ];
    for (const [url, parameter, allowed] of cases) {
      const response = await api.app.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 400, url);
      assert.match(String(response.headers['content-type']), /application\/json/);
      const body = response.json();
      assert.equal(body.error.parameter, parameter, url);
      assert.match(body.error.message, allowed, url);
      assert.doesNotMatch(response.body, /at .*\.ts:|\/work\/|node_modules|primac-test-lake|password/i, url);
    }
  });

  test('unknown routes and methods get JSON errors, huge or odd requests never a 5xx', async () => {
    const notFound = await api.app.inject({ method: 'GET', url: '/nope' });
    assert.equal(notFound.statusCode, 404);
    assert.equal(notFound.json().error.code, 'NOT_FOUND');
    const corpus = [
      { method: 'POST' as const, url: '/mysql/analytics/users', payload: 'x'.repeat(200_000), headers: { 'content-type': 'text/plain' } },
      { method: 'POST' as const, url: '/mysql/analytics/users', payload: '{"broken', headers: { 'content-type': 'application/json' } },
      { method: 'GET' as const, url: `/mysql/analytics/users?as_of=${'9'.repeat(5000)}` },
      { method: 'GET' as const, url: '/mysql/analytics/growth-by-state?months=1&months=40' },
      { method: 'GET' as const, url: '/cross/analytics/agent-performance?limit=%00' },
      { method: 'GET' as const, url: '/%2e%2e/%2e%2e/etc/passwd' },
      { method: 'DELETE' as const, url: '/health' },
      { method: 'GET' as const, url: '/mysql/analytics/users?as_of[]=2024-01-01' },
    ];
    for (const request of corpus) {
      const response = await api.app.inject(request);
      assert.ok(response.statusCode >= 400 && response.statusCode < 500, `${request.method} ${request.url.slice(0, 60)} → ${response.statusCode}`);
      assert.doesNotThrow(() => response.json());
      assert.doesNotMatch(response.body, /at .*\.ts:|\/work\/|node_modules/);
    }
  });

  test('a known path with another method gets 405 and Allow; an Accept header the route cannot meet 406; a URL that does not decode a JSON 400', async () => {
    for (const request of [{ method: 'DELETE' as const, url: '/health' }, { method: 'POST' as const, url: '/mysql/analytics/users?as_of=2024-01-01', payload: '{"broken', headers: { 'content-type': 'application/json' } }]) {
      const response = await api.app.inject(request);
      assert.equal(response.statusCode, 405, request.url);
      assert.equal(response.headers.allow, 'GET, HEAD');
      assert.equal(response.json().error.code, 'METHOD_NOT_ALLOWED');
    }
    const xml = await api.app.inject({ method: 'GET', url: '/mysql/analytics/users', headers: { accept: 'application/xml' } });
    assert.equal(xml.statusCode, 406);
    assert.equal(xml.json().error.code, 'NOT_ACCEPTABLE');
    assert.equal((await api.app.inject({ method: 'GET', url: '/cassandra/analytics/claims?format=csv&section=monthly', headers: { accept: 'text/csv' } })).statusCode, 200);
    assert.equal((await api.app.inject({ method: 'GET', url: '/datasets', headers: { accept: 'text/html,application/xml;q=0.9,*/*;q=0.8' } })).statusCode, 200);
    const badUrl = await api.app.inject({ method: 'GET', url: '/mysql/analytics/%ff' });
    assert.equal(badUrl.statusCode, 400);
    assert.equal(badUrl.json().error.code, 'INVALID_REQUEST');
    assert.ok(badUrl.json().error.request_id);
  });

  test('requests the HTTP parser refuses get a JSON error in the API\'s format', async () => {
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (api.app.server.address() as AddressInfo).port;
    const raw = (request: string) => new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(request));
      let text = '';
      socket.on('data', (chunk) => { text += chunk.toString(); });
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    const cases: [string, RegExp, RegExp][] = [
      ['FOO / HTTP/1.1\r\nHost: x\r\n\r\n', /^HTTP\/1\.1 400 /, /GET and HEAD/],
      [`GET /mysql/analytics/users?as_of=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, /^HTTP\/1\.1 431 /, /shorten the URL/],
    ];
    for (const [request, statusLine, message] of cases) {
      const answer = await raw(request);
      assert.match(answer, statusLine);
      const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
      assert.equal(body.error.code, statusLine.source.includes('431') ? 'HEADERS_TOO_LARGE' : 'INVALID_REQUEST');
      assert.match(body.error.message, message);
      assert.ok(body.error.request_id);
    }
  });

  test('the result cache answers repeats, keyed by parameters', async () => {
    const first = (await getJson(api.app, '/cassandra/analytics/claims?as_of=2026-03-01')).body;
    const second = (await getJson(api.app, '/cassandra/analytics/claims?as_of=2026-03-01')).body;
    const other = (await getJson(api.app, '/cassandra/analytics/claims?as_of=2026-04-01')).body;
    assert.equal(first.meta.cached, false);
    assert.equal(second.meta.cached, true);
    assert.equal(other.meta.cached, false);
    assert.deepEqual({ ...second, meta: { ...second.meta, cached: false } }, first);
  });

  test('a newly committed snapshot is served within a second, without a restart', async () => {
    const before = (await getJson(api.app, '/postgresql/analytics/products')).body;
    await runIngestion(api.config, { ...ingestDefaults, only: ['postgresql'], tables: ['product'] });
    const started = Date.now();
    let now = before;
    while (now.meta.snapshots['postgresql.product'].id === before.meta.snapshots['postgresql.product'].id && Date.now() - started < 1000) {
      await sleep(50);
      now = (await getJson(api.app, '/postgresql/analytics/products')).body;
    }
    assert.notEqual(now.meta.snapshots['postgresql.product'].id, before.meta.snapshots['postgresql.product'].id);
    assert.equal(now.meta.cached, false);
  });

  test('with warm-up, the first visitor after a new snapshot is served from the cache', async () => {
    const lake = await openLake(api.config);
    const engine = await createDuckdbEngine(lake);
    const { app } = await buildApp({ config: api.config, lake, catalog: await openCatalog(api.config, lake), engine, warm: true });
    try {
      // The warm-up computes 10 answers (9 routes + the dashboard's agent page); /metrics counts them as misses.
      const misses = async () => [...(await app.inject({ method: 'GET', url: '/metrics' })).body.matchAll(/^primac_result_cache_total\{[^}]*result="miss"[^}]*\} (\d+)/gm)].reduce((n, m) => n + Number(m[1]), 0);
      for (let i = 0; i < 300 && (await misses()) < 10; i++) await sleep(100);
      assert.equal(await misses(), 10);
      const body = (await getJson(app, '/cross/analytics/claims-vs-policies')).body;
      assert.equal(body.meta.cached, true, 'the first request is a cache hit');
      const dashboardPage = (await getJson(app, '/cross/analytics/agent-performance?limit=10')).body;
      assert.equal(dashboardPage.meta.cached, true);
    } finally {
      await app.close();
      await engine.close();
    }
  });

  test('tabular sections as CSV', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/mysql/analytics/users?format=csv&section=client_demographics.by_age_band' });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /text\/csv/);
    const lines = response.body.trim().split('\r\n');
    assert.equal(lines[0], 'band,clients');
    assert.equal(lines.length, 8);
  });

  test('every route documents exactly the sections its answers have, and each comes as CSV under its header', async () => {
    const spec = (await getJson(api.app, '/openapi.json')).body;
    /** Dotted paths of the arrays of objects in an answer (outside meta), as a client would find them. */
    const arraysOfObjects = (value: Record<string, unknown>, prefix = ''): string[] => Object.entries(value).flatMap(([key, child]) => {
      const path = prefix ? `${prefix}.${key}` : key;
      if (key === 'meta' && !prefix) return [];
      if (Array.isArray(child)) return [path];
      return child !== null && typeof child === 'object' ? arraysOfObjects(child as Record<string, unknown>, path) : [];
    });
    for (const route of ANALYTICS_ROUTES) {
      const documented = spec.paths[route.path].get.parameters.find((p: { name: string }) => p.name === 'section').schema.enum as string[];
      const answer = (await getJson(api.app, route.path)).body;
      assert.deepEqual([...documented].sort(), arraysOfObjects(answer).sort(), route.path);
      for (const section of documented) {
        const csv = await api.app.inject({ method: 'GET', url: `${route.path}?format=csv&section=${section}` });
        assert.equal(csv.statusCode, 200, `${route.path} ${section}`);
        const rows = section.split('.').reduce((v, k) => v[k], answer) as Record<string, unknown>[];
        const lines = csv.body.split('\r\n').slice(0, -1);
        assert.equal(lines.length, rows.length + 1, `${route.path} ${section}: a header and one line per row`);
        if (rows.length > 0) assert.deepEqual(lines[0]!.split(',').sort(), Object.keys(rows[0]!).sort(), `${route.path} ${section}`);
      }
    }
  });

  test('docs: OpenAPI 3, Swagger UI and ReDoc served from the package, no CDN', async () => {
    const spec = (await getJson(api.app, '/openapi.json')).body;
    assert.match(spec.openapi, /^3\./);
    for (const route of ANALYTICS_ROUTES) assert.ok(spec.paths[route.path]?.get, route.path);
    const docs = await api.app.inject({ method: 'GET', url: '/docs/' });
    const redoc = await api.app.inject({ method: 'GET', url: '/redoc' });
    const bundle = await api.app.inject({ method: 'GET', url: '/redoc/redoc.standalone.js' });
    assert.equal(docs.statusCode, 200);
    assert.equal(redoc.statusCode, 200);
    assert.equal(bundle.statusCode, 200);
    for (const page of [docs.body, redoc.body]) assert.doesNotMatch(page, /https?:\/\/(cdn|unpkg|cdnjs|fonts)\./);
  });

  test('/, /health, /datasets, /ingestion/runs, /quality/references', async () => {
    const root = (await getJson(api.app, '/')).body;
    assert.deepEqual(root.routes, { mysql: 2, postgresql: 2, cassandra: 2, cross: 3 });
    assert.equal((await getJson(api.app, '/health?_=1712345')).status, 200, 'probes may add a cache-buster');
    const health = await getJson(api.app, '/health');
    assert.equal(health.status, 200);
    assert.equal(health.body.status, 'ok');
    assert.equal(health.body.data_availability.cassandra.reclamos, true);
    assert.ok(health.body.bucket_summary.total_objects >= 11);
    const datasets = (await getJson(api.app, '/datasets')).body.datasets;
    assert.ok(datasets.find((d: { name: string }) => d.name === 'mysql_users').columns.every((c: { name: string }) => c.name !== 'password'));
    const runs = (await getJson(api.app, '/ingestion/runs?limit=5')).body.runs;
    assert.ok(runs.length >= 1 && runs[0].status === 'succeeded');
    const refs = (await getJson(api.app, '/quality/references')).body.references;
    assert.equal(refs.length, 9);
    for (const r of refs) assert.equal(r.unmatched, 0, `${r.reference} resolves in consistent data`);
  });
});

describe('API without data', () => {
  test('analytics routes answer 503 with a clear message; /health stays up', async () => {
    const env = await testConfig('local', 'local', 'empty');
    const lake = await openLake(env.config);
    const engine = await createDuckdbEngine(lake);
    const { app } = await buildApp({ config: env.config, lake, catalog: await openCatalog(env.config, lake), engine });
    try {
      for (const route of ANALYTICS_ROUTES) {
        const response = await app.inject({ method: 'GET', url: route.path });
        assert.equal(response.statusCode, 503, route.path);
        assert.equal(response.json().error.code, 'DATA_UNAVAILABLE');
        assert.match(response.json().error.message, /primac ingest/);
      }
      const health = await app.inject({ method: 'GET', url: '/health' });
      assert.equal(health.statusCode, 200);
      assert.equal(health.json().status, 'degraded');
    } finally {
      await app.close();
      await engine.close();
      env.cleanup();
    }
  });
});

describe('API over the team\'s loose data', { skip: skip ?? false }, () => {
  test('no route fails or returns an empty section; unmatched references are counted', async () => {
    await seed(config, { scale: 0.02, seed: 4, shape: 'team', until: Date.parse('2026-06-01T00:00:00Z'), loadTime: Date.parse('2026-05-30T12:00:00Z') }, ['mysql', 'postgres', 'cassandra']);
    const api = await apiOverIngestedLake('team');
    try {
      for (const route of ANALYTICS_ROUTES) {
        const { status, body } = await getJson(api.app, `${route.path}?as_of=2026-05-31`);
        assert.equal(status, 200, route.path);
        for (const [key, value] of Object.entries(body)) {
          if (Array.isArray(value)) assert.ok(value.length > 0 || ['best_sellers', 'top_growing_states'].includes(key), `${route.path}.${key} is empty`);
        }
      }
      const agents = (await getJson(api.app, '/cross/analytics/agent-performance')).body;
      assert.ok(agents.meta.unmatched['policy.agent_id'] > 0, 'AGT001–AGT050 match no agent');
      assert.equal(agents.summary.agents_with_sales, 0);
      const profile = (await getJson(api.app, '/cross/analytics/customer-policy-profile')).body;
      assert.ok(profile.meta.unmatched['policy.customer_id'] > 0);
      const refs = (await getJson(api.app, '/quality/references')).body.references;
      assert.ok(refs.find((r: { reference: string }) => r.reference === 'policy.agent_id').unmatched > 0);
    } finally {
      await api.close();
    }
  });
});
