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

/** The column as read from staged CSV text (binary arrives as hex). */
export function csvStagingType(column: ColumnSchema): string {
  return column.type.kind === 'binary' ? 'VARCHAR' : duckdbType(column.type);
}

export function fromCsvExpression(column: ColumnSchema): string {
  const id = quoteIdent(column.name);
  return column.type.kind === 'binary' ? `from_hex(${id}) AS ${id}` : id;
}
