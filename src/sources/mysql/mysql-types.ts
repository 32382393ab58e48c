/** MySQL/MariaDB column types → logical types (TINYINT(1) is boolean; DATETIME naive; TIMESTAMP an instant). */
import type { LogicalType } from '../../core/table-model.ts';

export interface MysqlColumnInfo {
  readonly dataType: string; // information_schema DATA_TYPE, lower case: "int", "decimal", "enum"…
  readonly columnType: string; // COLUMN_TYPE: "tinyint(1)", "int(10) unsigned", "decimal(12,2)"…
  readonly precision: number | null;
  readonly scale: number | null;
}

export function mysqlLogicalType(c: MysqlColumnInfo): LogicalType {
  const unsigned = /unsigned/i.test(c.columnType);
  switch (c.dataType) {
    case 'tinyint': return /^tinyint\(1\)/i.test(c.columnType) ? { kind: 'boolean' } : { kind: 'int16' };
    case 'smallint': return unsigned ? { kind: 'int32' } : { kind: 'int16' };
    case 'mediumint': return { kind: 'int32' };
    case 'int': case 'integer': return unsigned ? { kind: 'int64' } : { kind: 'int32' };
    case 'bigint': return unsigned ? { kind: 'decimal', precision: 20, scale: 0 } : { kind: 'int64' };
    case 'year': return { kind: 'int16' };
    case 'decimal': case 'numeric':
      return c.precision !== null && c.precision <= 38 ? { kind: 'decimal', precision: c.precision, scale: c.scale ?? 0 } : { kind: 'decimal_any' };
    case 'float': return { kind: 'float32' };
    case 'double': case 'real': return { kind: 'float64' };
    case 'date': return { kind: 'date' };
    case 'datetime': return { kind: 'timestamp' };
    case 'timestamp': return { kind: 'timestamptz' };
    case 'binary': case 'varbinary': case 'tinyblob': case 'blob': case 'mediumblob': case 'longblob': case 'bit':
      return { kind: 'binary' };
    // char, varchar, *text, enum, set, json, time (may exceed 24 h), geometry as text…
    default: return { kind: 'string' };
  }
}
