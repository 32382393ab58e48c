/** `primac seed [--scale 1] [--seed 42] [--shape consistent|team] [--only …] [--until YYYY-MM-DD]` */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { getConfig } from '../../config/config.ts';
import { parseIsoDate, utcMidnight } from '../../seed/calendar.ts';
import { SHAPES, SOURCES, type SeedSource, type Shape } from '../../seed/plan.ts';
import { terminalProgress } from '../../seed/progress.ts';
import { seed } from '../../seed/seed.ts';

const SOURCE_ALIASES: Record<string, SeedSource> = { mysql: 'mysql', mariadb: 'mysql', postgres: 'postgres', postgresql: 'postgres', cassandra: 'cassandra' };

export function parseScale(value: string): number {
  const n = Number(value);
  if (!/^\d*\.?\d+$/.test(value.trim()) || !(n > 0) || n > 10_000) throw new InvalidArgumentError(`"${value}" is not a scale: expected a number greater than 0 and at most 10000 (1 = the team's ≈ 210k rows).`);
  return n;
}

export function parseSeed(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n > 0xffffffff) throw new InvalidArgumentError(`"${value}" is not a seed: expected an integer from 0 to 4294967295.`);
  return n;
}

export function parseShape(value: string): Shape {
  const shape = SHAPES.find((s) => s === value.trim().toLowerCase());
  if (!shape) throw new InvalidArgumentError(`"${value}" is not a shape: expected ${SHAPES.join(' or ')}.`);
  return shape;
}

export function parseSources(value: string): SeedSource[] {
  const sources = value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean).map((name) => {
    const source = SOURCE_ALIASES[name];
    if (!source) throw new InvalidArgumentError(`"${name}" is not a source: expected a comma list of ${SOURCES.join(', ')}.`);
    return source;
  });
  if (sources.length === 0) throw new InvalidArgumentError(`expected a comma list of ${SOURCES.join(', ')}.`);
  return [...new Set(sources)];
}

export function parseUntil(value: string): number {
  const ms = parseIsoDate(value.trim());
  if (ms === null) throw new InvalidArgumentError(`"${value}" is not a date: expected YYYY-MM-DD.`);
  return ms;
}

export function registerSeed(program: Command): void {
  program
    .command('seed')
    .description('drop and create the source schemas of SOURCES.md and fill them with deterministic synthetic data')
    .option('--scale <n>', 'volume: 1 = the team\'s ≈ 210k rows, linear in scale', parseScale, 1)
    .option('--seed <n>', 'random seed: the same seed (and --until) gives the same rows', parseSeed, 42)
    .option('--shape <shape>', 'consistent: every reference resolves, dates spread over 4 years; team: the original team\'s loose references', parseShape, 'consistent' as Shape)
    .addOption(new Option('--only <sources>', `comma list of ${SOURCES.join(', ')}`).argParser(parseSources).default([...SOURCES], 'all three'))
    .option('--until <date>', 'the history ends the day before this date (UTC)', parseUntil)
    .option('--json', 'print the summary as JSON lines')
    .action(async (options: { scale: number; seed: number; shape: Shape; only: SeedSource[]; until?: number; json?: boolean }) => {
      const until = options.until ?? utcMidnight(Date.now());
      const report = await seed(getConfig(), {
        scale: options.scale, seed: options.seed, shape: options.shape, until, loadTime: Math.floor(Date.now() / 1000) * 1000,
      }, options.only, terminalProgress());
      for (const t of report.tables) {
        const line = { source: t.source, table: t.table, rows: t.rows, seconds: Number(t.seconds.toFixed(2)) };
        process.stdout.write(options.json ? `${JSON.stringify(line)}\n` : `${`${t.source}.${t.table}`.padEnd(28)} ${String(t.rows).padStart(10)} rows  ${t.seconds.toFixed(1)} s\n`);
      }
      const total = report.tables.reduce((n, t) => n + t.rows, 0);
      const slowest = Math.max(...Object.values(report.seconds));
      if (!options.json) process.stdout.write(`seeded ${total} rows (scale ${options.scale}, seed ${options.seed}, ${options.shape}) in ${slowest.toFixed(1)} s\n`);
    });
}
