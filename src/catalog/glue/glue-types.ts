/** Logical type labels → Athena/Hive column types. Hive has no `timestamp with time zone`: instants are UTC timestamps. */
import { parseTypeLabel } from '../../core/table-model.ts';

export function hiveType(label: string): string {
  const type = parseTypeLabel(label);
  switch (type.kind) {
    case 'boolean': return 'boolean';
    case 'int16': return 'smallint';
    case 'int32': return 'int';
    case 'int64': return 'bigint';
    case 'float32': return 'float';
    case 'float64': return 'double';
    case 'decimal': return `decimal(${type.precision},${type.scale})`;
    case 'date': return 'date';
    case 'timestamp': case 'timestamptz': return 'timestamp';
    case 'binary': return 'binary';
    default: return 'string';
  }
}
