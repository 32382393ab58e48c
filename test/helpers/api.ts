/** An app over a fresh local lake ingested from the real sources, for app.inject() tests. */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/app.ts';
import { openCatalog } from '../../src/catalog/registry.ts';
import type { Config } from '../../src/config/config.ts';
import { createDuckdbEngine } from '../../src/engines/duckdb/duckdb-engine.ts';
import { runIngestion } from '../../src/ingest/run.ts';
import { openLake } from '../../src/lake/registry.ts';
import { ingestDefaults } from './ingest.ts';
import { testConfig } from './lake.ts';

export interface ApiFixture { readonly app: FastifyInstance; readonly config: Config; close(): Promise<void> }

export async function apiOverIngestedLake(name: string, options: { cache?: boolean } = {}): Promise<ApiFixture> {
  const env = await testConfig('local', 'local', name);
  const record = await runIngestion(env.config, ingestDefaults);
  if (record.status !== 'succeeded') throw new Error(`ingestion failed: ${JSON.stringify(record.tables.filter((t) => t.error))}`);
  const lake = await openLake(env.config);
  const engine = await createDuckdbEngine(lake);
  const { app } = await buildApp({ config: env.config, lake, catalog: await openCatalog(env.config, lake), engine, cache: options.cache });
  return {
    app, config: env.config,
    async close() {
      await app.close();
      await engine.close();
      env.cleanup();
    },
  };
}

export async function getJson(app: FastifyInstance, url: string): Promise<{ status: number; body: any }> {
  const response = await app.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.headers['content-type']?.toString().includes('json') ? response.json() : response.body };
}
