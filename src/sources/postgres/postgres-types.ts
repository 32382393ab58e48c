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

/**
 * PostgreSQL writes a date before year 1 as `0044-03-15 BC`, which DuckDB would read as AD 44: such values are
 * written with the astronomical year instead (`-0043-03-15`, year 0 = 1 BC), which DuckDB reads exactly.
 */
function beforeChrist(id: string, format: string): string {
  return `CASE WHEN ${id} < '0001-01-01' AND isfinite(${id}) THEN '-' || lpad((-1 - extract(year FROM ${id})::int)::text, 4, '0') || to_char(${id}, '${format}') ELSE ${id}::text END`;
}

/** The SELECT expression that yields the column's exact text for COPY (FORMAT csv). */
export function postgresCsvExpression(name: string, type: LogicalType, udtName: string): string {
  const id = `"${name.replace(/"/g, '""')}"`;
  if (type.kind === 'binary') return `encode(${id}, 'hex')`;
  if (type.kind === 'date') return beforeChrist(id, '-MM-DD');
  if (type.kind === 'timestamp') return beforeChrist(id, '-MM-DD HH24:MI:SS.US');
  if (type.kind === 'timestamptz') return beforeChrist(id, '-MM-DD HH24:MI:SS.USOF');
  // char(n) as text drops its padding, as DuckDB's scanner reads it: the same value on both paths.
  if (udtName === 'bpchar') return `${id}::text`;
  if (type.kind === 'string' && !['text', 'varchar', 'bpchar', 'name'].includes(udtName)) return `${id}::text`;
  return id;
}
