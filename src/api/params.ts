/** Query parameters of the analytics routes: parsed by hand so that every rejection names the value and the rule. */
import { ApiError } from './errors.ts';

export type Query = Record<string, unknown>;

/** A value as quoted back in a message: long ones are cut (a 5000-character value is not worth repeating). */
export const quoted = (text: string) => JSON.stringify(text.length > 64 ? `${text.slice(0, 64)}…` : text);

/**
 * The parameter's one value; undefined when absent or empty (`?as_of=` from a cleared form field means the default).
 * A parameter given twice is refused rather than one of its values silently dropped.
 */
export function single(query: Query, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) {
    throw new ApiError('INVALID_PARAMETER', `${name} is given ${value.length} times; give it once.`, { parameter: name, value: value.map(String), allowed: 'one value' });
  }
  return value === undefined || value === '' ? undefined : String(value);
}

/** Rejects parameters the route does not take (consistently, for every route). */
export function onlyParameters(query: Query, allowed: readonly string[]): void {
  for (const name of Object.keys(query)) {
    if (!allowed.includes(name)) {
      throw new ApiError('UNKNOWN_PARAMETER', `Unknown query parameter ${quoted(name)}; this route takes ${allowed.length ? allowed.join(', ') : 'no parameters'}.`, { parameter: name.slice(0, 64), allowed: allowed.join(', ') });
    }
  }
}

export const AS_OF_RANGE = { first: '1900-01-01', last: '9999-12-31' } as const;

/** A calendar date YYYY-MM-DD that exists (no 2025-02-30, no month 13). */
function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year, month - 1, day); // Date.UTC would read years 0–99 as 1900–1999
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function asOfParameter(query: Query, today = new Date()): string {
  const text = single(query, 'as_of');
  if (text === undefined) return today.toISOString().slice(0, 10);
  const allowed = `ISO date YYYY-MM-DD from ${AS_OF_RANGE.first} to ${AS_OF_RANGE.last}`;
  if (!isCalendarDate(text)) throw new ApiError('INVALID_PARAMETER', `as_of=${quoted(text)} is not a date: expected an ISO date YYYY-MM-DD (e.g. 2025-06-30) that exists in the calendar.`, { parameter: 'as_of', value: text.slice(0, 64), allowed });
  if (text < AS_OF_RANGE.first || text > AS_OF_RANGE.last) throw new ApiError('INVALID_PARAMETER', `as_of=${quoted(text)} is out of range: expected a date from ${AS_OF_RANGE.first} to ${AS_OF_RANGE.last}.`, { parameter: 'as_of', value: text, allowed });
  return text;
}

export function integerParameter(query: Query, name: string, fallback: number, min: number, max: number): number {
  const text = single(query, name);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^-?\d+$/.test(text) || n < min || n > max) {
    throw new ApiError('INVALID_PARAMETER', `${name}=${quoted(text)} is not allowed: expected an integer from ${min} to ${max}.`, { parameter: name, value: text.slice(0, 64), allowed: `integer ${min}-${max}` });
  }
  return n;
}

export function choiceParameter<T extends string>(query: Query, name: string, allowed: readonly T[], fallback: T): T {
  const text = single(query, name);
  if (text === undefined) return fallback;
  const found = allowed.find((a) => a === text);
  if (!found) throw new ApiError('INVALID_PARAMETER', `${name}=${quoted(text)} is not allowed: expected one of ${allowed.join(', ')}.`, { parameter: name, value: text.slice(0, 64), allowed: allowed.join(', ') });
  return found;
}
