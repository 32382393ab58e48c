/** Generator values → each database's input format. Instants are epoch ms; DATEs are UTC midnights. */
import type { Kind } from '../tables.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** MySQL: DATETIME has whole seconds (the fraction is dropped, deterministically) and is read as UTC. */
export function mysqlValue(kind: Kind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'date': return iso(value as number).slice(0, 10);
    case 'datetime': return iso(value as number).slice(0, 19).replace('T', ' ');
    case 'bool': return value ? 1 : 0;
    default: return value;
  }
}

/** PostgreSQL COPY text format: tab-separated, \N for NULL, backslash escapes. */
export function copyTextField(kind: Kind, value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  switch (kind) {
    case 'date': return iso(value as number).slice(0, 10);
    case 'timestamptz': return iso(value as number);
    case 'bool': return value ? 't' : 'f';
    case 'text': return (value as string).replace(/[\\\n\r\t]/g, (c) => ({ '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!);
    default: return String(value);
  }
}
