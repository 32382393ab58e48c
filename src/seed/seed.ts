/**
 * `primac seed`: recreate the three source schemas of SOURCES.md and fill them with deterministic data. The three
 * databases load in parallel; within each, tables load concurrently and constraints are added at the end.
 */
import type { Config } from '../config/config.ts';
import { redact } from '../core/redact.ts';
import { isPrimacError, PrimacError } from '../core/errors.ts';
import { cassandraLoader } from './load/cassandra-loader.ts';
import type { LoadedTable, TableLoader } from './load/loader.ts';
import { mysqlLoader } from './load/mysql-loader.ts';
import { postgresLoader } from './load/postgres-loader.ts';
import { makePlan, type Plan, type SeedOptions, type SeedSource } from './plan.ts';
import { silentProgress, type Progress } from './progress.ts';
import { tablesOf } from './tables.ts';

export interface SeededTable extends LoadedTable { readonly source: SeedSource; readonly seconds: number }
export interface SeedReport { readonly plan: Plan; readonly tables: SeededTable[]; readonly seconds: Record<string, number> }

const HOST_VARIABLE: Record<SeedSource, string> = { mysql: 'MYSQL_HOST', postgres: 'POSTGRES_HOST', cassandra: 'CASSANDRA_HOST' };

function loaderFor(config: Config, source: SeedSource): { loader: TableLoader<unknown>; settings: unknown } {
  const settings = { mysql: config.mysql, postgres: config.postgres, cassandra: config.cassandra }[source];
  if (!settings) throw new PrimacError('SOURCE_NOT_CONFIGURED', `Cannot seed ${source}: it is not configured (${HOST_VARIABLE[source]} is empty).`);
  const loader = { mysql: mysqlLoader, postgres: postgresLoader, cassandra: cassandraLoader }[source] as TableLoader<unknown>;
  return { loader, settings };
}

function describeFailure(source: SeedSource, config: Config, error: unknown): PrimacError {
  // Already translated by the source's driver module: it names the server and what to check.
  if (isPrimacError(error)) return new PrimacError('SEED_FAILED', `Seeding ${source} failed: ${error.message}`, { cause: error });
  const where = source === 'cassandra' ? `${config.cassandra?.host}:${config.cassandra?.port}`
    : source === 'mysql' ? `${config.mysql?.host}:${config.mysql?.port}` : `${config.postgres?.host}:${config.postgres?.port}`;
  // The driver's first line (the Cassandra driver appends its inner errors' stack traces), without a password.
  const secrets = [config.mysql?.password, config.postgres?.password].filter((p): p is string => !!p);
  const message = redact((error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/[\s.?!:]+$/, ''), secrets);
  return new PrimacError('SEED_FAILED', `Seeding ${source} at ${where} failed: ${message}. Is the server running (npx primac services status) and are the ${source.toUpperCase()}_* settings right?`, { cause: error });
}

async function seedSource(config: Config, source: SeedSource, plan: Plan, progress: Progress): Promise<SeededTable[]> {
  const { loader, settings } = loaderFor(config, source);
  const started = Date.now();
  const finished = new Map<string, number>();
  try {
    await loader.recreateSchema(settings);
    for (const table of tablesOf(source)) progress.start(`${source}.${table.name}`, table.expectedRows(plan));
    const loaded = await loader.load(settings, plan, (table, rows) => {
      progress.advance(`${source}.${table}`, rows);
      finished.set(table, Date.now());
    });
    await loader.finish(settings);
    return loaded.map((t) => ({ ...t, source, seconds: ((finished.get(t.table) ?? Date.now()) - started) / 1000 }));
  } catch (error) {
    throw describeFailure(source, config, error);
  }
}

export async function seed(config: Config, options: SeedOptions, sources: readonly SeedSource[], progress: Progress = silentProgress): Promise<SeedReport> {
  const plan = makePlan(options);
  const seconds: Record<string, number> = {};
  const results = await Promise.allSettled(sources.map(async (source) => {
    const started = Date.now();
    const tables = await seedSource(config, source, plan, progress);
    seconds[source] = (Date.now() - started) / 1000;
    return tables;
  }));
  progress.stop();
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw new PrimacError('SEED_FAILED', failures.map((f) => f.message).join('\n'));
  return { plan, tables: results.flatMap((r) => (r.status === 'fulfilled' ? r.value : [])), seconds };
}
