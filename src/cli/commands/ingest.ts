/** `primac ingest [--only …] [--tables …] [--format parquet|csv|both]` */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { getConfig } from '../../config/config.ts';
import { isPrimacError } from '../../core/errors.ts';
import { SOURCE_NAMES, type SourceName } from '../../core/table-model.ts';
import type { FileFormat } from '../../lake/layout.ts';
import { runIngestion, type IngestEvent } from '../../ingest/run.ts';
import { createLogger } from '../logger.ts';

const ALIASES: Record<string, SourceName> = { mysql: 'mysql', mariadb: 'mysql', postgres: 'postgresql', postgresql: 'postgresql', cassandra: 'cassandra' };

export function parseIngestSources(value: string): SourceName[] {
  const names = value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const out = names.map((n) => {
    const source = ALIASES[n];
    if (!source) throw new InvalidArgumentError(`"${n}" is not a source: expected a comma list of mysql, postgres, cassandra.`);
    return source;
  });
  if (out.length === 0) throw new InvalidArgumentError('expected a comma list of mysql, postgres, cassandra.');
  return [...new Set(out)];
}

export function parseFormat(value: string): FileFormat[] {
  const v = value.trim().toLowerCase();
  if (v === 'parquet' || v === 'csv') return [v];
  if (v === 'both') return ['parquet', 'csv'];
  throw new InvalidArgumentError(`"${value}" is not a format: expected parquet, csv or both.`);
}

export function parsePositive(name: string, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n < 1 || n > max) throw new InvalidArgumentError(`"${value}" is not a valid ${name}: expected an integer from 1 to ${max}.`);
    return n;
  };
}

/** `30s`, `15m`, `1h`, `1d` → milliseconds (at least 10 s). */
export function parseInterval(value: string): number {
  const match = /^(\d+)\s*(s|m|h|d)$/.exec(value.trim());
  const ms = match ? Number(match[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 's' | 'm' | 'h' | 'd'] : NaN;
  if (!(ms >= 10_000)) throw new InvalidArgumentError(`"${value}" is not an interval: expected a number and a unit, s, m, h or d (e.g. 15m, 1h), of at least 10 s.`);
  return ms;
}

const human = (bytes: number) => (bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} kB`);

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('pull every row of every table of the configured sources into the lake and commit the catalog')
    .addOption(new Option('--only <sources>', 'comma list of mysql, postgres, cassandra').argParser(parseIngestSources).default([...SOURCE_NAMES], 'all three'))
    .option('--tables <names>', 'comma list of tables (name or source.name); default: every table', tableNames, [] as string[])
    .option('--format <format>', 'parquet, csv or both', parseFormat, ['parquet'] as FileFormat[])
    .option('--keep <n>', 'snapshots kept per table (the current one included)', parsePositive('number of snapshots', 1000), 3)
    .option('--parallel <n>', 'tables ingested at once', parsePositive('parallelism', 32), 2)
    .option('--wait', 'if another ingestion holds the lake, wait for it instead of exiting')
    .option('--create-bucket', 'create the S3 bucket of LAKE_URI if it does not exist (local stacks)')
    .option('--every <interval>', 'keep running: one ingestion every interval (e.g. 15m, 1h); runs never overlap', parseInterval)
    .option('--json', 'print the summary as JSON lines')
    .action(async (options: { only: SourceName[]; tables: string[]; format: FileFormat[]; keep: number; parallel: number; json?: boolean; wait?: boolean; every?: number; createBucket?: boolean }) => {
      const log = createLogger();
      const config = getConfig();
      if (options.createBucket && config.lakeUri.startsWith('s3://')) {
        const { ensureBucket } = await import('../../lake/s3/s3-storage.ts');
        if (await ensureBucket({ uri: config.lakeUri, endpoint: config.s3Endpoint, region: config.awsRegion })) log.info({ event: 'bucket_created' }, 'created the lake bucket');
      }
      const once = async () => {
        const record = await runIngestion(config, {
          only: options.only, tables: options.tables, formats: options.format, keep: options.keep, parallel: options.parallel, wait: options.wait || options.every !== undefined,
        }, (e: IngestEvent) => {
          if (e.event === 'table_failed' || e.event === 'source_failed') log.error(e, String(e.error));
          else log.info(e, e.event);
        });
        printSummary(record, options.json);
        return record;
      };
      if (options.every === undefined) {
        if ((await once()).status !== 'succeeded') process.exitCode = 1;
        return;
      }
      let stopping = false;
      const stop = () => { stopping = true; log.info({ event: 'schedule_stopping' }, 'finishing the current run, then stopping'); };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      while (!stopping) {
        const started = Date.now();
        await once().catch((error: Error) => {
          // A mistake in the command (e.g. a --tables name that matches nothing) would fail every run: stop, non-zero.
          if (isPrimacError(error) && error.code === 'USAGE') throw error;
          log.error({ event: 'run_failed', error: error.message }, error.message);
        });
        const next = started + options.every;
        log.info({ event: 'schedule_next', at: new Date(next).toISOString() }, 'next run scheduled');
        while (!stopping && Date.now() < next) await new Promise((r) => setTimeout(r, Math.min(1000, next - Date.now())));
      }
    });
}

function tableNames(value: string): string[] {
  // postgres.<table> as --only spells the source.
  const names = value.split(',').map((s) => s.trim().replace(/^postgres\./, 'postgresql.')).filter(Boolean);
  if (names.length === 0) throw new InvalidArgumentError('expected a comma list of table names (name or source.name), e.g. users,postgresql.policy.');
  return names;
}

function printSummary(record: Awaited<ReturnType<typeof runIngestion>>, json: boolean | undefined): void {
  for (const t of record.tables) {
    const line = { source: t.source, table: t.table, status: t.status, rows: t.rows, bytes: t.bytes, files: t.files, seconds: Number(t.seconds.toFixed(2)), snapshot: t.snapshot, path: t.path, ...(t.error ? { error: t.error } : {}) };
    process.stdout.write(json ? `${JSON.stringify(line)}\n`
      : `${`${t.source}.${t.table}`.padEnd(30)} ${t.status.padEnd(9)} ${String(t.rows).padStart(10)} rows ${human(t.bytes).padStart(10)} ${String(t.files).padStart(3)} files ${t.seconds.toFixed(1).padStart(6)} s  ${t.snapshot ?? t.error ?? ''}\n`);
  }
  for (const s of record.skipped) process.stdout.write(json ? `${JSON.stringify({ skipped: s })}\n` : `skipped ${s}\n`);
  if (!json) process.stdout.write(`run ${record.id}: ${record.status}\n`);
}
