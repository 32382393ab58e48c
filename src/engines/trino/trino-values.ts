/**
 * Trino's result values (and Athena's, which are all text) → the engine seam's plain values, by column type:
 * integers as numbers (text beyond 2^53), exact decimals as text, dates as YYYY-MM-DD, instants as ISO UTC.
 */
import type { Value } from '../query-engine.ts';

const INTEGER = /^(tinyint|smallint|integer|int|bigint)$/;
const FLOAT = /^(real|float|double)$/;

export function trinoValue(type: string, raw: unknown): Value {
  if (raw === null || raw === undefined) return null;
  const base = type.toLowerCase().replace(/\(.*$/, '').trim();
  if (INTEGER.test(base)) {
    if (typeof raw === 'number') return raw;
    const text = String(raw);
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : text;
  }
  if (FLOAT.test(base)) return typeof raw === 'number' ? raw : Number(raw);
  if (base === 'boolean') return typeof raw === 'boolean' ? raw : String(raw).toLowerCase() === 'true';
  if (base === 'timestamp' || base.startsWith('timestamp')) {
    const text = String(raw);
    const [date, time = '00:00:00'] = text.split(/[ T]/);
    return new Date(`${date}T${time.slice(0, 12)}Z`).toISOString();
  }
  // decimal (exact text), date (YYYY-MM-DD), varchar, char, uuid, json…
  return String(raw);
}
