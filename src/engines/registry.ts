/** Chooses the query engine from QUERY_ENGINE; loads an engine's client only when it is chosen. */
import type { Config } from '../config/config.ts';
import { PrimacError } from '../core/errors.ts';
import type { LakeStorage } from '../lake/lake-storage.ts';
import type { QueryEngine } from './query-engine.ts';

export async function openEngine(config: Config, lake: LakeStorage): Promise<QueryEngine> {
  if (config.queryEngine === 'duckdb') {
    const { createDuckdbEngine } = await import('./duckdb/duckdb-engine.ts');
    return createDuckdbEngine(lake);
  }
  if (config.queryEngine === 'trino') {
    const { createTrinoEngine } = await import('./trino/trino-engine.ts');
    return createTrinoEngine({
      url: config.trinoUrl, catalog: config.trinoCatalog, schema: config.trinoSchema, tables: config.catalog === 'glue' ? 'glue' : 'register',
      user: config.trinoUser, password: config.trinoPassword ?? undefined, timeoutMs: config.requestTimeoutMs,
    });
  }
  if (config.queryEngine === 'athena') {
    const { createAthenaEngine } = await import('./athena/athena-engine.ts');
    return createAthenaEngine({
      region: config.awsRegion, endpoint: config.athenaEndpoint, workgroup: config.athenaWorkgroup, database: config.glueDatabase,
      outputLocation: config.athenaOutput, reuseMinutes: config.athenaResultReuseMinutes,
      // A query no client waits for any more is stopped.
      timeoutMs: config.requestTimeoutMs,
    });
  }
  throw new PrimacError('CONFIG_INVALID', `QUERY_ENGINE=${config.queryEngine} is not available in this version: use duckdb, athena or trino.`);
}
