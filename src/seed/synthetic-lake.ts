/** Writes the seeder's synthetic dataset straight into a lake through the ingestion pipeline (demo, benchmarks). */
import type { Config } from '../config/config.ts';
import { runIngestion } from '../ingest/run.ts';
import type { RunRecord } from '../ingest/record.ts';
import { utcMidnight } from './calendar.ts';
import { makePlan } from './plan.ts';
import { createSyntheticSource } from './synthetic-source.ts';

export async function writeSyntheticLake(config: Config, options: { scale: number; seed?: number; until?: number }): Promise<RunRecord> {
  const plan = makePlan({ scale: options.scale, seed: options.seed ?? 42, shape: 'consistent', until: options.until ?? utcMidnight(Date.now()), loadTime: 0 });
  const record = await runIngestion(config, { only: ['mysql', 'postgresql', 'cassandra'], tables: [], formats: ['parquet'], keep: 1, parallel: 2 }, () => {},
    (['mysql', 'postgres', 'cassandra'] as const).map((s) => createSyntheticSource(plan, s)));
  if (record.status !== 'succeeded') throw new Error(`the synthetic dataset could not be written: ${record.tables.find((t) => t.error)?.error}`);
  return record;
}
