/**
 * `primac ingest`: discover every table of each configured source, run each through the pipeline (tables in
 * parallel, bounded), record the run in the lake. Resolves to the run record; callers exit non-zero on failures.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { openCatalog } from '../catalog/registry.ts';
import type { Config } from '../config/config.ts';
import { PrimacError } from '../core/errors.ts';
import { catalogName, SOURCE_NAMES, type SourceName, type TableSchema } from '../core/table-model.ts';
import type { FileFormat } from '../lake/layout.ts';
import { LakeWriter } from '../lake/parquet/lake-writer.ts';
import { openLake } from '../lake/registry.ts';
import { HOST_VARIABLE, openSource } from '../sources/registry.ts';
import type { Source } from '../sources/source.ts';
import { cacheRoot } from '../services/paths.ts';
import { writeRunRecord, type RunRecord, type TableOutcome } from './record.ts';
import { acquireRunLock } from './run-lock.ts';
import { removeOrphanedTempFolders, runTempFolder } from './temp-folders.ts';
import { selects, unknownTables, unmatchedSensitive } from './selection.ts';
import { ingestTable, type IngestContext } from './table.ts';

export interface IngestOptions {
  readonly only: readonly SourceName[];
  /** `table` or `source.table` names; empty = every table. */
  readonly tables: readonly string[];
  readonly formats: readonly FileFormat[];
  readonly keep: number;
  readonly parallel: number;
  readonly attempts?: number;
  /** When another run holds the lake: wait for it (true) or fail at once (default). */
  readonly wait?: boolean;
}

export type IngestEvent = Record<string, unknown> & { event: string };

function wanted(options: IngestOptions, table: TableSchema): boolean {
  return options.tables.length === 0 || options.tables.some((t) => selects(t, table));
}

/** Runs `tasks` with at most `limit` at a time, in order of submission. */
async function pool<T>(limit: number, tasks: readonly (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

export function newRunId(now = new Date()): string {
  return `${now.toISOString().replace(/[-:.]/g, '')}-${randomBytes(3).toString('hex')}`;
}

/** `sources` replaces the configured databases (the demo's synthetic sources). */
/** Tables whose names differ only in case (PostgreSQL "Dup" and dup) would share one catalog name: neither lands. */
function nameClash(source: SourceName, table: string, names: readonly string[]): TableOutcome {
  const error = `${source}.${table}: the tables ${names.map((n) => JSON.stringify(n)).join(' and ')} would both be catalogued as ${catalogName(source, table)} (catalog names are lower case); rename one of them, or name one with --tables`;
  return { source, table, status: 'failed', rows: 0, bytes: 0, files: 0, seconds: 0, snapshot: null, path: null, error };
}

export async function runIngestion(config: Config, options: IngestOptions, onEvent: (e: IngestEvent) => void = () => {}, given?: readonly Source[]): Promise<RunRecord> {
  const lake = await openLake(config);
  const catalog = await openCatalog(config, lake);
  const id = newRunId();
  const lock = await acquireRunLock(lake, id, { wait: options.wait ?? false });
  removeOrphanedTempFolders();
  const tempRoot = runTempFolder(id);
  // DuckDB starts while the sources are discovered (20-35 ms of each run's fixed cost).
  const starting = LakeWriter.create({ tempDirectory: tempRoot, threads: 2, memoryLimit: '256MB' });
  starting.catch(() => undefined);
  let record: RunRecord = { id, startedAt: new Date().toISOString(), finishedAt: null, status: 'running', options: { ...options }, skipped: [], tables: [] };
  const emit = (e: IngestEvent) => onEvent({ run: id, ...e });
  const sources: Source[] = [];
  try {
    const skipped: string[] = [];
    const work: { source: Source; table: TableSchema }[] = [];
    const failures: TableOutcome[] = [];
    const discovered = new Map<SourceName, readonly TableSchema[]>();
    const failedSources = new Set<SourceName>();
    const notConfigured = new Set<SourceName>();
    for (const name of SOURCE_NAMES.filter((s) => options.only.includes(s))) {
      const source = given ? (given.find((g) => g.name === name) ?? null) : await openSource(name, config);
      if (!source) {
        notConfigured.add(name);
        skipped.push(`${name}: not configured (${HOST_VARIABLE[name]} is empty)`);
        emit({ event: 'source_skipped', source: name, reason: `${HOST_VARIABLE[name]} is empty` });
        continue;
      }
      sources.push(source);
      try {
        const all = await source.discover();
        discovered.set(name, all);
        // The default entry (mysql.users.password) is not held against a database without that table.
        const gaps = config.sensitiveColumnsGiven ? unmatchedSensitive(name, all, config.sensitiveColumns) : [];
        if (gaps.length > 0) {
          throw new PrimacError('CONFIG_INVALID', `SENSITIVE_COLUMNS lists ${gaps.join(', ')}: nothing of ${name} was read, so that the column the entry means to keep out is not written by mistake. Fix the entry, or remove it.`);
        }
        const tables = all.filter((t) => wanted(options, t));
        emit({ event: 'source_discovered', source: name, tables: tables.map((t) => t.name) });
        for (const table of tables) {
          const twins = tables.filter((t) => catalogName(name, t.name) === catalogName(name, table.name));
          if (twins.length === 1) work.push({ source, table });
          else failures.push(nameClash(name, table.name, twins.map((t) => t.name)));
        }
      } catch (error) {
        failedSources.add(name);
        const message = (error as Error).message;
        emit({ event: 'source_failed', source: name, error: message });
        failures.push({ source: name, table: '*', status: 'failed', rows: 0, bytes: 0, files: 0, seconds: 0, snapshot: null, path: null, error: message });
      }
    }
    const unknown = unknownTables(options.tables, options.only, discovered, failedSources, notConfigured);
    if (unknown.length > 0) throw new PrimacError('USAGE', `--tables: ${unknown.join('; ')}.`);
    record = { ...record, skipped };
    await writeRunRecord(lake, record);
    const writer = await starting;
    const ctx: IngestContext = {
      lake, catalog, writer, formats: options.formats, keep: options.keep, cache: cacheRoot(), tempRoot,
      sensitive: new Set(config.sensitiveColumns.map((c) => c.toLowerCase())), attempts: options.attempts ?? 3,
      onEvent: (e) => emit(e as IngestEvent),
    };
    const outcomes = [...failures];
    await pool(options.parallel, work.map(({ source, table }) => async () => {
      const outcome = await ingestTable(ctx, source, table);
      outcomes.push(outcome);
      record = { ...record, tables: [...outcomes] };
      await writeRunRecord(lake, record).catch(() => undefined);
      return outcome;
    }));
    const failed = outcomes.some((o) => o.status === 'failed');
    record = { ...record, tables: outcomes, finishedAt: new Date().toISOString(), status: failed ? 'failed' : 'succeeded' };
    await writeRunRecord(lake, record);
    return record;
  } finally {
    await Promise.all(sources.map((s) => s.close().catch(() => undefined)));
    await (await starting.catch(() => null))?.close();
    rmSync(tempRoot, { recursive: true, force: true });
    await lock.release();
  }
}
