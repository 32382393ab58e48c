/** Cassandra CQL types → logical types, and driver values → exact text. */
import type { LogicalType } from '../../core/table-model.ts';
import { csvField } from '../csv-parts.ts';

export function cassandraLogicalType(cql: string): LogicalType {
  switch (cql) {
    case 'boolean': return { kind: 'boolean' };
    case 'tinyint': case 'smallint': return { kind: 'int16' };
    case 'int': return { kind: 'int32' };
    case 'bigint': case 'counter': return { kind: 'int64' };
    case 'float': return { kind: 'float32' };
    case 'double': return { kind: 'float64' };
    // Any scale per value (and varint, any size): sized from the data when the table is written.
    case 'decimal': case 'varint': return { kind: 'decimal_any' };
    case 'timestamp': return { kind: 'timestamptz' };
    case 'date': return { kind: 'date' };
    case 'uuid': case 'timeuuid': return { kind: 'uuid' };
    case 'blob': return { kind: 'binary' };
    // text, varchar, ascii, inet, time (nanoseconds), duration, collections, tuples, UDTs: exact as text.
    default: return { kind: 'string' };
  }
}

interface DriverInteger { toNumber(): number; toString(): string }
interface DriverDecimal { _intVal: DriverInteger; _scale: number }

/** An arbitrary-precision integer's digits; through a double when it is exact (the driver's own loop is slow). */
function integerText(value: DriverInteger): string {
  const n = value.toNumber();
  return Number.isSafeInteger(n) ? String(n) : value.toString();
}

/** BigDecimal as plain text (the driver's own toString mishandles negative scales: 1E+3). */
export function decimalText(value: DriverDecimal): string {
  return digitsWithScale(integerText(value._intVal), value._scale);
}

/** The plain text of unscaled `digits` (an integer's text, maybe negative) × 10^-scale. */
export function digitsWithScale(digits: string, scale: number): string {
  if (scale <= 0) return scale === 0 || digits === '0' ? digits : `${digits}${'0'.repeat(-scale)}`;
  const negative = digits.charCodeAt(0) === 45;
  const abs = negative ? digits.slice(1) : digits;
  const padded = abs.length > scale ? abs : '0'.repeat(scale - abs.length + 1) + abs;
  const point = padded.length - scale;
  return `${negative ? '-' : ''}${padded.slice(0, point)}.${padded.slice(point)}`;
}

/** A float or double as text: -0 keeps its sign (String(-0) is "0"); NaN and ±Infinity as DuckDB reads them. */
export function numberText(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value);
}

interface DriverDuration { months: number; days: number; nanoseconds: DriverInteger }

const NANOS: readonly [bigint, string][] = [[3_600_000_000_000n, 'h'], [60_000_000_000n, 'm'], [1_000_000_000n, 's'], [1_000_000n, 'ms'], [1_000n, 'us'], [1n, 'ns']];

/** A duration in CQL's own notation (1y6mo3d12h30m…; 0s for none). The driver's toString rounds 18mo to 2y6mo. */
export function durationText(value: DriverDuration): string {
  const nanos = BigInt(value.nanoseconds.toString());
  const negative = value.months < 0 || value.days < 0 || nanos < 0n;
  const months = Math.abs(value.months);
  let rest = nanos < 0n ? -nanos : nanos;
  let text = negative ? '-' : '';
  if (months >= 12) text += `${Math.floor(months / 12)}y`;
  if (months % 12 !== 0) text += `${months % 12}mo`;
  if (value.days !== 0) text += `${Math.abs(value.days)}d`;
  for (const [size, unit] of NANOS) {
    if (rest >= size) { text += `${rest / size}${unit}`; rest %= size; }
  }
  return text === '' || text === '-' ? '0s' : text;
}

/**
 * A value inside a collection, tuple or UDT as JSON, exactly: decimals, varints and bigints as their digits (strings),
 * floats with -0, NaN and ±Infinity (strings where JSON has no number), blobs as hex, timestamps as ISO text, a
 * tuple as an array, a map as an object keyed by its keys' text (so blob, double and timestamp keys stay distinct).
 */
function toJson(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0) ? value : numberText(value);
  if (typeof value !== 'object') return value;
  if (Buffer.isBuffer(value)) return value.toString('hex');
  if (Array.isArray(value)) return value.map(toJson);
  if (value instanceof Set) return [...value].map(toJson);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [keyText(k), toJson(v)]));
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if ('_intVal' in value && '_scale' in value) return decimalText(value as DriverDecimal);
  if ('months' in value && 'days' in value && 'nanoseconds' in value) return durationText(value as DriverDuration);
  if ('elements' in value && Array.isArray((value as { elements: unknown }).elements)) return (value as { elements: unknown[] }).elements.map(toJson);
  if (value.constructor === Object) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  return String(value);
}

/** A collection, tuple or UDT value (written as JSON). */
function structured(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  return v instanceof Map || v instanceof Set || Array.isArray(v) || v.constructor === Object || ('elements' in v && Array.isArray(v.elements));
}

function keyText(key: unknown): string {
  const json = toJson(key);
  return typeof json === 'string' ? json : JSON.stringify(json);
}

type Encoder = (value: unknown) => string | null;
const nullable = (encode: (value: never) => string): Encoder => (value) => (value === null || value === undefined ? null : encode(value as never));

/** A UUID's canonical lower-case text, straight from its 16 bytes. */
function uuidText(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The function giving the exact text DuckDB parses for a column of this CQL type (chosen once per column).
 * Timestamps are integer milliseconds since the epoch (CSV dialect instantsAsEpochMillis): formatting and parsing
 * ISO text cost a fifth of the main thread for the audit table.
 */
export function cassandraEncoder(cql: string): Encoder {
  switch (cql) {
    case 'timestamp': return nullable((v: Date) => String(v.getTime()));
    case 'uuid': case 'timeuuid': return nullable((v: { buffer: Buffer }) => uuidText(v.buffer));
    case 'decimal': return nullable((v: DriverDecimal) => decimalText(v));
    case 'varint': return nullable((v: DriverInteger) => integerText(v));
    case 'blob': return nullable((v: Buffer) => v.toString('hex'));
    case 'boolean': return nullable((v: boolean) => (v ? 'true' : 'false'));
    case 'text': case 'varchar': case 'ascii': return nullable((v: string) => v);
    case 'float': case 'double': return nullable((v: number) => numberText(v));
    case 'duration': return nullable((v: DriverDuration) => durationText(v));
    default: return nullable((v: unknown) => (structured(v) ? JSON.stringify(toJson(v)) : String(v)));
  }
}

/** Types whose text never needs CSV quoting (no separator, quote, line break or edge space; never ''). */
const PLAIN_TEXT = new Set(['timestamp', 'decimal', 'varint', 'int', 'bigint', 'counter', 'smallint', 'tinyint', 'float', 'double',
  'boolean', 'uuid', 'timeuuid', 'blob', 'date', 'time', 'inet']);

/** The function giving a value's CSV field (NULL = empty, unquoted): quoting is only checked for text-like types. */
export function cassandraCsvEncoder(cql: string): (value: unknown) => string {
  const text = cassandraEncoder(cql);
  // An empty blob is "" (its hex is empty text), not NULL.
  if (cql === 'blob') return (value) => csvField(text(value));
  return PLAIN_TEXT.has(cql) ? (value) => text(value) ?? '' : (value) => csvField(text(value));
}
