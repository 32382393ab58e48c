/**
 * Exact arithmetic for the final figures: engines return exact sums and counts (decimals as text); ratios,
 * averages and percentiles are computed here as fractions of big integers and rounded once, half away from zero.
 * So every engine gives the same numbers to the cent, whatever its own decimal and float rules.
 */
import type { Value } from '../engines/query-engine.ts';

/** A rational number n / d with d > 0. */
export interface Fraction { readonly n: bigint; readonly d: bigint }

const TEN = 10n;
const pow10 = (k: number) => TEN ** BigInt(k);

export function fraction(value: Value | Fraction): Fraction {
  if (value !== null && typeof value === 'object') return value;
  if (value === null) throw new Error('null has no value');
  const text = String(value).trim();
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) throw new Error(`not a number: ${text}`);
  const [, sign, whole = '', frac = '', exp = '0'] = match;
  let n = BigInt(`${whole || '0'}${frac}`);
  let d = pow10(frac.length);
  const e = Number(exp);
  if (e > 0) n *= pow10(e);
  if (e < 0) d *= pow10(-e);
  return { n: sign === '-' ? -n : n, d };
}

export const ZERO: Fraction = { n: 0n, d: 1n };
export const add = (a: Fraction, b: Fraction): Fraction => (a.d === b.d ? { n: a.n + b.n, d: a.d } : { n: a.n * b.d + b.n * a.d, d: a.d * b.d });
export const sub = (a: Fraction, b: Fraction): Fraction => ({ n: a.n * b.d - b.n * a.d, d: a.d * b.d });
export const mul = (a: Fraction, b: Fraction): Fraction => ({ n: a.n * b.n, d: a.d * b.d });

/** a / b, or null when b is 0. */
export function div(a: Fraction, b: Fraction): Fraction | null {
  if (b.n === 0n) return null;
  const n = a.n * b.d;
  const d = a.d * b.n;
  return d < 0n ? { n: -n, d: -d } : { n, d };
}

export function compare(a: Fraction, b: Fraction): number {
  const x = a.n * b.d;
  const y = b.n * a.d;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Rounded half away from zero to `decimals` places, as a JSON number. */
export function round(value: Fraction | null, decimals = 2): number | null {
  if (value === null) return null;
  const scaled = value.n * pow10(decimals);
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  let q = abs / value.d;
  if ((abs % value.d) * 2n >= value.d) q += 1n;
  const digits = q.toString().padStart(decimals + 1, '0');
  const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  const n = Number(`${negative ? '-' : ''}${text}`);
  return n === 0 ? 0 : n;
}

/** Money: an exact engine value rounded to cents (null stays null). */
export function money(value: Value): number | null {
  return value === null ? null : round(fraction(value));
}

/** part / whole × 100, rounded to 2 decimals; null when whole is 0. */
export function pct(part: Value | Fraction, whole: Value | Fraction): number | null {
  return round(div(mul(fraction(part), { n: 100n, d: 1n }), fraction(whole)));
}

/** a / b rounded to 2 decimals; null when b is 0 (averages, ratios). */
export function ratio(a: Value | Fraction, b: Value | Fraction, decimals = 2): number | null {
  return round(div(fraction(a), fraction(b)), decimals);
}

/**
 * The continuous percentile p (as percent, e.g. 90) of n sorted values, PostgreSQL percentile_cont style:
 * position h = p(n−1)/100 (0-based), interpolated between the values at floor(h) and ceil(h).
 * `at(i)` gives the 0-based i-th smallest value.
 */
export function percentileRanks(percent: number, n: number): { lo: number; hi: number; weight: Fraction } {
  const h = BigInt(percent) * BigInt(n - 1);
  const lo = Number(h / 100n);
  const rem = h % 100n;
  return { lo, hi: rem === 0n ? lo : lo + 1, weight: { n: rem, d: 100n } };
}

export function interpolate(lo: Value, hi: Value, weight: Fraction): Fraction {
  const a = fraction(lo);
  return add(a, mul(sub(fraction(hi), a), weight));
}

/** The exact sum of engine values (NULLs add nothing). */
export function sumOf(values: readonly Value[]): Fraction {
  return values.reduce<Fraction>((acc, v) => (v === null ? acc : add(acc, fraction(v))), ZERO);
}

/**
 * How many of n sorted values are ≤ the continuous percentile p, from the values at the ranks around its position
 * (`at(rank)` → value and `le`, the count of values ≤ it, ties included): between two different neighbours exactly
 * the lower rank and those before it; on a value itself, every value equal to it or smaller.
 */
export function countAtOrBelowPercentile(percent: number, n: number, at: (rank: number) => { value: Value; le: number }): number {
  const r = percentileRanks(percent, n);
  const lo = at(r.lo + 1);
  const hi = at(r.hi + 1);
  return r.weight.n === 0n || compare(fraction(lo.value), fraction(hi.value)) === 0 ? lo.le : r.lo + 1;
}
