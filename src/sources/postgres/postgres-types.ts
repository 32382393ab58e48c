/** PostgreSQL types → logical types (exact: NUMERIC keeps its precision and scale, TIMESTAMPTZ stays an instant). */
import type { LogicalType } from '../../core/table-model.ts';

export interface PostgresColumnInfo {
  readonly dataType: string; // information_schema data_type, e.g. "numeric", "character varying"
  readonly udtName: string; // e.g. "int4", "_text"
  readonly precision: number | null;
  readonly scale: number | null;
}

export function postgresLogicalType(c: PostgresColumnInfo): LogicalType {
  switch (c.udtName) {
    case 'bool': return { kind: 'boolean' };
    case 'int2': return { kind: 'int16' };
    case 'int4': return { kind: 'int32' };
    case 'int8': return { kind: 'int64' };
    case 'float4': return { kind: 'float32' };
    case 'float8': return { kind: 'float64' };
    case 'numeric':
      return c.precision !== null && c.precision <= 38 ? { kind: 'decimal', precision: c.precision, scale: c.scale ?? 0 } : { kind: 'decimal_any' };
    case 'date': return { kind: 'date' };
    case 'timestamp': return { kind: 'timestamp' };
    case 'timestamptz': return { kind: 'timestamptz' };
    case 'time': return { kind: 'time' };
    case 'uuid': return { kind: 'uuid' };
    case 'bytea': return { kind: 'binary' };
    // text, varchar, bpchar, json, jsonb, enums, arrays, intervals…: their text form is exact.
    default: return { kind: 'string' };
  }
}

/** The SELECT expression that yields the column's exact text for COPY (FORMAT csv). */
export function postgresCsvExpression(name: string, type: LogicalType, udtName: string): string {
  const id = `"${name.replace(/"/g, '""')}"`;
  if (type.kind === 'binary') return `encode(${id}, 'hex')`;
  if (type.kind === 'string' && !['text', 'varchar', 'bpchar', 'name'].includes(udtName)) return `${id}::text`;
  return id;
}
