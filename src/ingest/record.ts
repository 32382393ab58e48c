/** The record stage: each run's state as a readable file in the lake (_runs/<id>.json), rewritten as it goes. */
import type { LakeStorage } from '../lake/lake-storage.ts';
import { RUNS_PREFIX, runKey } from '../lake/layout.ts';

export interface TableOutcome {
  readonly source: string;
  readonly table: string;
  readonly status: 'committed' | 'failed';
  readonly rows: number;
  readonly bytes: number;
  readonly files: number;
  readonly seconds: number;
  readonly snapshot: string | null;
  readonly path: string | null;
  readonly error?: string;
}

export interface RunRecord {
  readonly id: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly status: 'running' | 'succeeded' | 'failed';
  readonly options: Record<string, unknown>;
  readonly skipped: readonly string[];
  readonly tables: readonly TableOutcome[];
}

export async function writeRunRecord(lake: LakeStorage, record: RunRecord): Promise<void> {
  await lake.putBytes(runKey(record.id), Buffer.from(`${JSON.stringify(record, null, 2)}\n`));
}

export async function listRunRecords(lake: LakeStorage, limit: number): Promise<RunRecord[]> {
  const keys = (await lake.list(RUNS_PREFIX)).map((o) => o.key).filter((k) => k.endsWith('.json')).sort().reverse().slice(0, limit);
  const records: RunRecord[] = [];
  for (const key of keys) {
    const bytes = await lake.get(key);
    if (bytes) records.push(JSON.parse(bytes.toString('utf8')) as RunRecord);
  }
  return records;
}
