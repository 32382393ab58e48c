/**
 * The configuration variables of design/CLI.md: one parser per value, each failing with a message that names the
 * variable, the value and what is allowed.
 */
import { PrimacError } from '../core/errors.ts';

export type Env = Readonly<Record<string, string | undefined>>;

function invalid(name: string, value: string, allowed: string): PrimacError {
  return new PrimacError('CONFIG_INVALID', `${name}=${JSON.stringify(withoutUserInfo(value))} is not valid: ${allowed}.`);
}

/** A URL's user and password (http://user:secret@host) are not repeated in a message. */
const withoutUserInfo = (value: string) => value.replace(/^([a-z][a-z0-9+.-]*:\/\/).*@/i, '$1***@');

export function text(env: Env, name: string, fallback: string): string {
  const value = env[name];
  return value === undefined ? fallback : value;
}

export function port(env: Env, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < 1 || n > 65535) {
    throw invalid(name, value, 'expected a TCP port, an integer from 1 to 65535');
  }
  return n;
}

export function choice<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const lowered = value.trim().toLowerCase();
  const found = allowed.find((a) => a === lowered);
  if (!found) throw invalid(name, value, `expected one of ${allowed.join(', ')}`);
  return found;
}

export function url(env: Env, name: string, fallback: string | null): string | null {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  try {
    const parsed = new URL(value);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('scheme');
    return value.replace(/\/+$/, '');
  } catch {
    throw invalid(name, value, 'expected an http:// or https:// URL with a valid host, and a port from 1 to 65535 if any');
  }
}

/**
 * `source.table.column`, comma separated, e.g. `mysql.users.password`. Empty means the default, as for every
 * variable (an empty SENSITIVE_COLUMNS must not silently let passwords through); `none` means no column. `given`:
 * the value lists columns itself (not the default).
 */
export function columnList(env: Env, name: string, fallback: string): { items: string[]; given: boolean } {
  const raw = env[name]?.trim();
  if (raw?.toLowerCase() === 'none') return { items: [], given: false };
  const given = raw !== undefined && raw.replace(/[\s,]/g, '') !== '';
  const value = given ? raw! : fallback;
  const items = value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  for (const item of items) {
    if (!/^(mysql|postgresql|cassandra)\.[^.\s]+\.[^.\s]+$/.test(item)) {
      throw invalid(name, value, `"${item}" must be source.table.column with source one of mysql, postgresql, cassandra (or the whole value none)`);
    }
  }
  return { items, given };
}

/** LAKE_URI: a local folder or s3://bucket/prefix; the original's S3_BUCKET alone means s3://<S3_BUCKET>. */
export function lakeUri(env: Env): string {
  const explicit = env.LAKE_URI;
  if (explicit !== undefined && explicit !== '') {
    if (explicit.startsWith('s3://')) {
      if (!/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(explicit)) {
        throw invalid('LAKE_URI', explicit, 'expected s3://bucket[/prefix] with a valid bucket name, or a local folder');
      }
      return explicit.replace(/\/+$/, '');
    }
    // Any other scheme, or a mistyped one (s3:/bucket, s3:bucket), is not taken for a folder named "s3:".
    if (/^[a-z][a-z0-9+.-]+:/i.test(explicit)) {
      throw invalid('LAKE_URI', explicit, 'expected a local folder or s3://bucket[/prefix]');
    }
    return explicit;
  }
  const bucket = env.S3_BUCKET;
  if (bucket !== undefined && bucket !== '') return lakeUri({ LAKE_URI: `s3://${bucket}` });
  return './data/lake';
}

/** An s3://bucket/prefix location (e.g. ATHENA_OUTPUT), kept with one trailing slash. */
export function s3Location(env: Env, name: string): string | null {
  const value = env[name];
  if (value === undefined || value === '') return null;
  if (!/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(value.trim())) throw invalid(name, value, 'expected s3://bucket[/prefix/] with a valid bucket name');
  return `${value.trim().replace(/\/+$/, '')}/`;
}

export function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw invalid(name, value, `expected an integer from ${min} to ${max}`);
  return n;
}

/** A comma list; blanks dropped. */
export function list(env: Env, name: string): string[] {
  return (env[name] ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** LOG_LEVEL (pino's levels); default info. */
export function logLevel(env: Env): (typeof LOG_LEVELS)[number] {
  return choice(env, 'LOG_LEVEL', LOG_LEVELS, 'info');
}
