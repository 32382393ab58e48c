/** Time for the synthetic data: a history of several years ending at `until`, with growth and seasonality. */

export const DAY_MS = 86_400_000;

/** Sign-ups by calendar month (January first): strong start of the year, a July bonus, a quiet December. */
const SEASON = [1.25, 1.05, 1.15, 1.0, 0.95, 0.9, 1.1, 0.95, 0.9, 0.95, 0.9, 0.8];

export function utcMidnight(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

export function parseIsoDate(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text ? null : ms;
}

export const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Adds calendar months, clamping the day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.getTime();
}

/**
 * The registration curve: density(day) ∝ growth^(day/days) × season(month) × weekday factor. `at(q)` maps a
 * quantile q ∈ [0, 1) to an instant, so user i of n, registered at quantile (i + jitter) / n, gets ids that rise
 * with time like an AUTO_INCREMENT.
 */
export class Timeline {
  readonly start: number;
  readonly until: number;
  readonly days: number;
  private readonly cdf: Float64Array;

  constructor(until: number, years: number, growth: number) {
    this.until = utcMidnight(until);
    this.days = Math.round(years * 365.25);
    this.start = this.until - this.days * DAY_MS;
    this.cdf = new Float64Array(this.days);
    let total = 0;
    for (let day = 0; day < this.days; day++) {
      const date = new Date(this.start + day * DAY_MS);
      const weekday = date.getUTCDay();
      const weekFactor = weekday === 0 ? 0.55 : weekday === 6 ? 0.75 : 1.08;
      total += growth ** (day / this.days) * SEASON[date.getUTCMonth()]! * weekFactor;
      this.cdf[day] = total;
    }
    for (let day = 0; day < this.days; day++) this.cdf[day]! /= total;
  }

  /** The instant at quantile q of the curve (q in [0, 1)). */
  at(q: number): number {
    let lo = 0;
    let hi = this.days - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cdf[mid]! > q) hi = mid;
      else lo = mid + 1;
    }
    const before = lo === 0 ? 0 : this.cdf[lo - 1]!;
    const within = (q - before) / (this.cdf[lo]! - before);
    return this.start + lo * DAY_MS + Math.floor(Math.min(Math.max(within, 0), 0.999) * DAY_MS);
  }

  /** Position of an instant in the history, 0 at the start and 1 at `until`. */
  progress(ms: number): number {
    return Math.min(Math.max((ms - this.start) / (this.until - this.start), 0), 1);
  }
}
