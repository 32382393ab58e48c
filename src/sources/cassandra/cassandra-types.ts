/** Cassandra CQL types → logical types, and driver values → exact text. */
import type { LogicalType } from '../../core/table-model.ts';

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

interface DriverDecimal { _intVal: { toString(): string }; _scale: number; toString(): string }

/** BigDecimal as plain text; the driver's own toString mishandles negative scales (1E+3). */
function decimalText(value: DriverDecimal): string {
  if (typeof value._scale === 'number' && value._scale < 0) return `${value._intVal.toString()}${'0'.repeat(-value._scale)}`;
  return value.toString();
}

function jsonReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Map) return Object.fromEntries(value);
  if (value instanceof Set) return [...value];
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && value.constructor !== Object && 'toString' in value) return String(value);
  return value;
}

/** The exact text DuckDB parses for the column (decimal_any and binary as staged text). */
export function cassandraText(cql: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  switch (cql) {
    case 'timestamp': return (value as Date).toISOString();
    case 'decimal': return decimalText(value as DriverDecimal);
    case 'blob': return (value as Buffer).toString('hex');
    case 'boolean': return value ? 'true' : 'false';
    case 'text': case 'varchar': case 'ascii': return value as string;
    default:
      if (typeof value === 'object' && (value instanceof Map || value instanceof Set || Array.isArray(value) || value.constructor === Object)) {
        return JSON.stringify(value, jsonReplacer);
      }
      return String(value);
  }
}
