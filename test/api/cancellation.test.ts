/**
 * A client that gives up stops the queries computed for it (Athena bills them, Trino runs them on a shared
 * cluster) — unless another client still waits for the same answer. The engine is DuckDB over a real lake, slowed
 * down to hold each query until it is released or aborted.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/app.ts';
import { openCatalog } from '../../src/catalog/registry.ts';
import { createDuckdbEngine } from '../../src/engines/duckdb/duckdb-engine.ts';
import type { QueryEngine } from '../../src/engines/query-engine.ts';
import { runIngestion } from '../../src/ingest/run.ts';
import { openLake } from '../../src/lake/registry.ts';
import { FINE_PRINT_AS_OF, FINE_PRINT_SOURCES } from '../helpers/fine-print-fixture.ts';
import { ingestDefaults } from '../helpers/ingest.ts';
import { testConfig } from '../helpers/lake.ts';

/** Holds every query until `release()`; records the queries whose signal fired. */
function heldEngine(engine: QueryEngine) {
  let release = () => {};
  let released = new Promise<void>((resolve) => { release = resolve; });
  const seen = { started: 0, aborted: 0 };
  const held: QueryEngine = {
    ...engine,
    async query(sql, options) {
      seen.started += 1;
      const signal = options?.signal;
      await new Promise<void>((resolve, reject) => {
        void released.then(resolve);
        signal?.addEventListener('abort', () => { seen.aborted += 1; reject(signal.reason); }, { once: true });
      });
      return engine.query(sql, options);
    },
  };
  return { held, seen, release: () => release(), reset: () => { released = new Promise<void>((resolve) => { release = resolve; }); } };
}

const until = async (check: () => boolean, what: string) => {
  for (const deadline = Date.now() + 5_000; !check(); await new Promise((r) => setTimeout(r, 20))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }
};

describe('a client that gives up stops its queries', () => {
  let app: FastifyInstance;
  let base: string;
  let engine: ReturnType<typeof heldEngine>;
  let cleanup = () => {};
  before(async () => {
    const env = await testConfig('local', 'local', 'cancellation');
    cleanup = env.cleanup;
    const record = await runIngestion(env.config, ingestDefaults, () => {}, FINE_PRINT_SOURCES);
    assert.equal(record.status, 'succeeded');
    const lake = await openLake(env.config);
    engine = heldEngine(await createDuckdbEngine(lake));
    ({ app } = await buildApp({ config: env.config, lake, catalog: await openCatalog(env.config, lake), engine: engine.held, cache: false }));
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    engine?.release();
    await app?.close();
    cleanup();
  });

  const url = (n: number) => `${base}/mysql/analytics/growth-by-state?as_of=${FINE_PRINT_AS_OF}&months=${n}`;
  const leaving = (target: string) => {
    const controller = new AbortController();
    const done = fetch(target, { signal: controller.signal }).then(() => 'answered', () => 'left');
    return { leave: () => controller.abort(), done };
  };

  test('the only client leaves: the running queries are aborted', async () => {
    engine.reset();
    const before = { ...engine.seen };
    const client = leaving(url(3));
    await until(() => engine.seen.started > before.started, 'the first query');
    client.leave();
    assert.equal(await client.done, 'left');
    await until(() => engine.seen.aborted > before.aborted, 'the abort');
  });

  test('one of two clients of the same answer leaves: the other still gets it', async () => {
    engine.reset();
    const before = { ...engine.seen };
    const first = leaving(url(4));
    await until(() => engine.seen.started > before.started, 'the first query');
    const second = fetch(url(4)).then(async (r) => ({ status: r.status, body: await r.json() }));
    await new Promise((r) => setTimeout(r, 100));
    first.leave();
    assert.equal(await first.done, 'left');
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(engine.seen.aborted, before.aborted, 'nothing aborted while a client waits');
    engine.release();
    const answer = await second;
    assert.equal(answer.status, 200);
    assert.equal(answer.body.months, 4);
  });
});
