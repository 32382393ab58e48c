/** What an analytics computation gets: the engine, D, and the snapshots it reads (for meta). */
import type { Dialect, QueryEngine, Row, TableSnapshot, Value } from '../engines/query-engine.ts';
import { fraction, interpolate, percentileRanks, type Fraction } from './exact.ts';

export interface AnalyticsContext {
  readonly engine: QueryEngine;
  readonly asOf: string;
  readonly snapshots: ReadonlyMap<string, TableSnapshot>;
}

export interface Meta {
  as_of: string;
  engine: string;
  cached: boolean;
  snapshots: Record<string, { id: string; committed_at: string }>;
  unmatched: Record<string, number>;
}

/** `<source>.<table>` keys of meta.snapshots for the catalog names a route read. */
export function snapshotMeta(ctx: AnalyticsContext, tables: readonly string[]): Meta['snapshots'] {
  const out: Meta['snapshots'] = {};
  for (const name of tables) {
    const s = ctx.snapshots.get(name);
    if (s) out[name.replace('_', '.')] = { id: s.id, committed_at: s.committedAt };
  }
  return out;
}

/** A category: NULL or exactly '' reads UNKNOWN; everything else as stored (no trimming, no case folding). */
export function category(d: Dialect, column: string): string {
  return `CASE WHEN ${column} IS NULL OR ${d.text(column)} = '' THEN 'UNKNOWN' ELSE ${d.text(column)} END`;
}

export const num = (row: Row | undefined, key: string): number => Number(row?.[key] ?? 0);

/**
 * Exact continuous percentiles of the values of `valuesSql` (a query with one column `v`, NULLs excluded by the
 * caller): counts, then fetches only the two neighbours of each position, interpolating exactly.
 */
export async function percentiles(ctx: AnalyticsContext, valuesSql: string, percents: readonly number[]): Promise<Map<number, Fraction | null>> {
  const n = num((await ctx.engine.query(`SELECT count(*) AS n FROM (${valuesSql}) t`))[0], 'n');
  const out = new Map<number, Fraction | null>();
  if (n === 0) {
    for (const p of percents) out.set(p, null);
    return out;
  }
  const positions = [...new Set(percents.flatMap((p) => { const r = percentileRanks(p, n); return [r.lo + 1, r.hi + 1]; }))];
  const rows = await ctx.engine.query(`SELECT rn, v FROM (SELECT v, row_number() OVER (ORDER BY v) AS rn FROM (${valuesSql}) t) r WHERE rn IN (${positions.join(', ')})`);
  return percentilesFromRanks(rows.map((r) => [Number(r.rn), r.v!] as const), n, percents);
}

/** Percentiles from the values at (1-based) ranks around each position, of n sorted values. */
export function percentilesFromRanks(values: readonly (readonly [number, Value])[], n: number, percents: readonly number[]): Map<number, Fraction | null> {
  const at = new Map(values);
  return new Map(percents.map((p) => {
    if (n === 0) return [p, null];
    const r = percentileRanks(p, n);
    return [p, interpolate(at.get(r.lo + 1)!, at.get(r.hi + 1)!, r.weight)];
  }));
}

export { fraction };

/** Plain code-point order (UTF-8 byte order), as the engines sort text — not UTF-16 units, not a locale. */
export function byCodePoint(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Runs independent queries at once (the engine answers them in parallel) and returns their rows by name. */
export async function queryAll<K extends string>(ctx: AnalyticsContext, sqls: Record<K, string>): Promise<Record<K, Row[]>> {
  const names = Object.keys(sqls) as K[];
  const results = await Promise.all(names.map((n) => ctx.engine.query(sqls[n])));
  return Object.fromEntries(names.map((n, i) => [n, results[i]])) as Record<K, Row[]>;
}
