/**
 * Reference implementations of the analytics routes, written independently of src/analytics: plain loops over the
 * rows read straight from MariaDB, PostgreSQL and Cassandra, with integer-cent arithmetic. The API must agree.
 */
export type Raw = Record<string, any>;

/** Decimal text → integer cents (the seeded data has at most 2 decimals). */
export function cents(text: unknown): bigint {
  const s = String(text);
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) throw new Error(`not a 2-decimal amount: ${s}`);
  const v = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0') || '0');
  return m[1] ? -v : v;
}

/** n / d rounded half away from zero to `decimals`, as a JSON number; null when d = 0. */
export function roundRatio(n: bigint, d: bigint, decimals = 2): number | null {
  if (d === 0n) return null;
  const neg = (n < 0n) !== (d < 0n);
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const scaled = an * 10n ** BigInt(decimals);
  let q = scaled / ad;
  if ((scaled % ad) * 2n >= ad) q += 1n;
  const v = Number(q) / 10 ** decimals;
  return neg && v !== 0 ? -v : v;
}

export const money = (c: bigint) => roundRatio(c, 100n);
export const pct = (part: bigint | number, whole: bigint | number) => roundRatio(BigInt(part) * 100n, BigInt(whole));
export const byText = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
export const unknown = (v: unknown) => (v === null || v === undefined || v === '' ? 'UNKNOWN' : String(v));

/** percentile_cont over sorted cents; null when empty. */
export function percentileCents(sorted: readonly bigint[], p: number): number | null {
  if (sorted.length === 0) return null;
  const h = BigInt(p) * BigInt(sorted.length - 1); // position × 100
  const lo = Number(h / 100n);
  const frac = h % 100n;
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + (frac === 0n ? 0 : 1), sorted.length - 1)]!;
  return roundRatio(a * 100n + (b - a) * frac, 10000n);
}

export function monthsBack(asOf: string, n: number): string[] {
  const [y, m] = asOf.split('-').map(Number) as [number, number];
  return Array.from({ length: n }, (_, i) => new Date(Date.UTC(y, m - 1 - (n - 1 - i), 1)).toISOString().slice(0, 7));
}

export function daysBefore(asOf: string, days: number): string {
  return new Date(Date.parse(`${asOf}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

export function ageBand(birth: string | null, asOf: string): string {
  if (birth === null) return 'unknown';
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  const age = y - by - (m * 100 + d < bm * 100 + bd ? 1 : 0);
  return age < 25 ? '<25' : age < 35 ? '25-34' : age < 45 ? '35-44' : age < 55 ? '45-54' : age < 65 ? '55-64' : '65+';
}

export const BANDS = ['<25', '25-34', '35-44', '45-54', '55-64', '65+', 'unknown'];

/** Counts per key, as [key, count] sorted by count desc then key in code-point order. */
export function ranked(keys: Iterable<string>): [string, number][] {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || byText(a[0], b[0]));
}

export function pearson(xs: number[], ys: number[]): number | null {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) { sxy += (xs[i]! - mx) * (ys[i]! - my); sxx += (xs[i]! - mx) ** 2; syy += (ys[i]! - my) ** 2; }
  return sxx === 0 || syy === 0 ? null : Math.round((sxy / Math.sqrt(sxx * syy)) * 10000) / 10000;
}
