/** Logical types → DuckDB types (which DuckDB writes to Parquet with the matching logical annotations). */
import type { ColumnSchema, LogicalType } from '../../core/table-model.ts';

export function duckdbType(type: LogicalType): string {
  switch (type.kind) {
    case 'boolean': return 'BOOLEAN';
    case 'int16': return 'SMALLINT';
    case 'int32': return 'INTEGER';
    case 'int64': return 'BIGINT';
    case 'float32': return 'FLOAT';
    case 'float64': return 'DOUBLE';
    case 'decimal': return `DECIMAL(${type.precision},${type.scale})`;
    case 'date': return 'DATE';
    case 'timestamp': return 'TIMESTAMP';
    case 'timestamptz': return 'TIMESTAMPTZ';
    case 'time': return 'TIME';
    case 'binary': return 'BLOB';
    // decimal_any is staged as text and sized from the data once every part is written.
    case 'decimal_any': case 'string': case 'uuid': return 'VARCHAR';
  }
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
export const quoteString = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** How a source spells some values in its CSV text, beyond the RFC 4180 defaults. */
export interface CsvValueRules {
  /** Date and time text with a zero month or day (MySQL's zero dates and zero-in-date values, not dates) is NULL. */
  readonly zeroDatesAsNull?: boolean;
  /** Booleans arrive as integers (MySQL's TINYINT(1)): any non-zero value is true. */
  readonly booleansAsIntegers?: boolean;
  /**
   * DECIMAL(38, s) columns whose every value the source checked to have at most 18 digits: parsed as DECIMAL(18, s)
   * (DuckDB's CSV reader parses DECIMAL(38, s) 5× slower: 3.5 s against 0.5 s for 400k payments) and widened.
   */
  readonly narrowDecimals?: readonly string[];
  /** Instants arrive as integer milliseconds since the epoch (Cassandra's own unit; no date text to format or parse). */
  readonly instantsAsEpochMillis?: boolean;
}

const narrow = (column: ColumnSchema, rules: CsvValueRules) =>
  column.type.kind === 'decimal' && column.type.precision > 18 && (rules.narrowDecimals?.includes(column.name) ?? false);

const isTemporal = (column: ColumnSchema) => ['date', 'timestamp', 'timestamptz'].includes(column.type.kind);

const epochMillis = (column: ColumnSchema, rules: CsvValueRules) =>
  (rules.instantsAsEpochMillis ?? false) && (column.type.kind === 'timestamp' || column.type.kind === 'timestamptz');

/** The column as read from staged CSV text (binary arrives as hex). */
export function csvStagingType(column: ColumnSchema, rules: CsvValueRules = {}): string {
  if (column.type.kind === 'binary' || (rules.zeroDatesAsNull && isTemporal(column))) return 'VARCHAR';
  if ((rules.booleansAsIntegers && column.type.kind === 'boolean') || epochMillis(column, rules)) return 'BIGINT';
  if (narrow(column, rules)) return `DECIMAL(18,${(column.type as { scale: number }).scale})`;
  return duckdbType(column.type);
}

/** The staged column converted to its lake type. */
export function fromCsvExpression(column: ColumnSchema, rules: CsvValueRules = {}): string {
  const id = quoteIdent(column.name);
  const as = (expression: string) => `CAST(${expression} AS ${duckdbType(column.type)}) AS ${id}`;
  if (column.type.kind === 'binary') return `from_hex(${id}) AS ${id}`;
  if (rules.zeroDatesAsNull && isTemporal(column)) return as(`CASE WHEN substr(${id}, 6, 2) = '00' OR substr(${id}, 9, 2) = '00' THEN NULL ELSE ${id} END`);
  if (rules.booleansAsIntegers && column.type.kind === 'boolean') return `(${id} <> 0) AS ${id}`;
  if (narrow(column, rules)) return as(id);
  if (epochMillis(column, rules)) return as(`epoch_ms(${id})`);
  return id;
}
