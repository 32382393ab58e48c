/** Query parameters of the analytics routes: parsed by hand so that every rejection names the value and the rule. */
import { ApiError } from './errors.ts';

export type Query = Record<string, unknown>;

const first = (v: unknown) => (Array.isArray(v) ? v[v.length - 1] : v);

/** Rejects parameters the route does not take (consistently, for every route). */
export function onlyParameters(query: Query, allowed: readonly string[]): void {
  for (const name of Object.keys(query)) {
    if (!allowed.includes(name)) {
      throw new ApiError('UNKNOWN_PARAMETER', `Unknown query parameter "${name}"; this route takes ${allowed.length ? allowed.join(', ') : 'no parameters'}.`, { parameter: name, allowed: allowed.join(', ') });
    }
  }
}

export function asOfParameter(query: Query, today = new Date()): string {
  const raw = first(query.as_of);
  if (raw === undefined || raw === '') return today.toISOString().slice(0, 10);
  const text = String(raw);
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text && text >= '1900-01-01' && text <= '9999-12-31';
  if (!ok) throw new ApiError('INVALID_PARAMETER', `as_of=${JSON.stringify(text)} is not a valid date: expected an ISO date YYYY-MM-DD (e.g. 2025-06-30).`, { parameter: 'as_of', value: text, allowed: 'ISO date YYYY-MM-DD' });
  return text;
}

export function integerParameter(query: Query, name: string, fallback: number, min: number, max: number): number {
  const raw = first(query[name]);
  if (raw === undefined || raw === '') return fallback;
  const text = String(raw);
  const n = Number(text);
  if (!/^-?\d+$/.test(text) || n < min || n > max) {
    throw new ApiError('INVALID_PARAMETER', `${name}=${JSON.stringify(text)} is not allowed: expected an integer from ${min} to ${max}.`, { parameter: name, value: text, allowed: `integer ${min}-${max}` });
  }
  return n;
}

export function choiceParameter<T extends string>(query: Query, name: string, allowed: readonly T[], fallback: T): T {
  const raw = first(query[name]);
  if (raw === undefined || raw === '') return fallback;
  const found = allowed.find((a) => a === String(raw));
  if (!found) throw new ApiError('INVALID_PARAMETER', `${name}=${JSON.stringify(String(raw))} is not allowed: expected one of ${allowed.join(', ')}.`, { parameter: name, value: String(raw), allowed: allowed.join(', ') });
  return found;
}
