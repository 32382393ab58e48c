/** Both engines over one lake, for parity tests: DuckDB embedded and the local Trino with a private schema. */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/app.ts';
import { openCatalog } from '../../src/catalog/registry.ts';
import type { Config } from '../../src/config/config.ts';
import { createDuckdbEngine } from '../../src/engines/duckdb/duckdb-engine.ts';
import type { QueryEngine } from '../../src/engines/query-engine.ts';
import { createTrinoEngine } from '../../src/engines/trino/trino-engine.ts';
import { quoteIdent } from '../../src/engines/trino/trino-tables.ts';
import { openLake } from '../../src/lake/registry.ts';
import { config as localConfig } from './servers.ts';

export interface EnginePair {
  readonly duckdb: FastifyInstance;
  readonly trino: FastifyInstance;
  readonly trinoEngine: QueryEngine;
  readonly schema: string;
  close(): Promise<void>;
}

/**
 * Apps answering from the lake and catalog of `config`: one on DuckDB, one on Trino. With a local catalog the
 * Trino engine registers the tables in a fresh schema of the `hive` catalog; with Glue, Trino's `glue` catalog
 * reads the same Glue database.
 */
export async function enginePair(config: Config): Promise<EnginePair> {
  const lake = await openLake(config);
  const glue = config.catalog === 'glue';
  const schema = glue ? config.glueDatabase : `parity_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const duckdbEngine = await createDuckdbEngine(lake);
  const trinoEngine = await createTrinoEngine({ url: localConfig.trinoUrl, catalog: glue ? 'glue' : 'hive', schema, tables: glue ? 'glue' : 'register' });
  const app = async (engine: QueryEngine) => (await buildApp({ config, lake, catalog: await openCatalog(config, lake), engine, cache: false })).app;
  const duckdb = await app(duckdbEngine);
  const trino = await app(trinoEngine);
  return {
    duckdb, trino, trinoEngine, schema,
    async close() {
      await duckdb.close();
      await trino.close();
      if (!glue) await dropSchema(trinoEngine, `hive.${quoteIdent(schema)}`);
      await duckdbEngine.close();
      await trinoEngine.close();
    },
  };
}

async function dropSchema(engine: QueryEngine, schema: string): Promise<void> {
  const views = new Set((await engine.query(`SELECT table_name FROM hive.information_schema.views WHERE table_schema = '${schema.split('.')[1]!.replace(/"/g, '')}'`)).map((r) => String(r.table_name)));
  for (const row of await engine.query(`SHOW TABLES FROM ${schema}`)) {
    const name = String(Object.values(row)[0]);
    await engine.query(`DROP ${views.has(name) ? 'VIEW' : 'TABLE'} IF EXISTS ${schema}.${quoteIdent(name)}`);
  }
  await engine.query(`DROP SCHEMA IF EXISTS ${schema}`);
}
