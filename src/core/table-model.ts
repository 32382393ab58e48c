/**
 * The lake's table model: what a source discovers and the lake stores. Logical types keep every value exact; each
 * source maps its native types here (sources/<backend>/<backend>-types.ts) and the writer maps them to Parquet.
 */
export const SOURCE_NAMES = ['mysql', 'postgresql', 'cassandra'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

export type LogicalType =
  | { readonly kind: 'boolean' }
  | { readonly kind: 'int16' }
  | { readonly kind: 'int32' }
  | { readonly kind: 'int64' }
  | { readonly kind: 'float32' }
  | { readonly kind: 'float64' }
  /** Fixed precision and scale (MySQL DECIMAL, PostgreSQL NUMERIC(p,s)). */
  | { readonly kind: 'decimal'; readonly precision: number; readonly scale: number }
  /** Any scale per value (Cassandra DECIMAL, PostgreSQL NUMERIC without typmod): sized from the data at write time. */
  | { readonly kind: 'decimal_any' }
  | { readonly kind: 'string' }
  /** Canonical lower-case text (8-4-4-4-12): readable by every engine, unlike Parquet's UUID logical type. */
  | { readonly kind: 'uuid' }
  | { readonly kind: 'date' }
  /** A wall-clock date-time without zone (MySQL DATETIME, PostgreSQL TIMESTAMP), read as UTC. */
  | { readonly kind: 'timestamp' }
  /** An instant (PostgreSQL TIMESTAMPTZ, MySQL TIMESTAMP, Cassandra TIMESTAMP), stored in UTC. */
  | { readonly kind: 'timestamptz' }
  | { readonly kind: 'time' }
  | { readonly kind: 'binary' };

export interface ColumnSchema {
  readonly name: string;
  readonly type: LogicalType;
  readonly nullable: boolean;
  /** The source's own type, as it reports it (documentation and error messages). */
  readonly nativeType: string;
}

export interface TableSchema {
  readonly source: SourceName;
  readonly name: string;
  readonly columns: readonly ColumnSchema[];
  readonly primaryKey: readonly string[];
}

/** `postgresql_policy`: the catalog (and Glue) name of a source table. */
export function catalogName(source: SourceName, table: string): string {
  return `${source}_${table}`.toLowerCase();
}

export function typeLabel(type: LogicalType): string {
  return type.kind === 'decimal' ? `decimal(${type.precision},${type.scale})` : type.kind;
}

/** Inverse of typeLabel (catalog files store labels). */
export function parseTypeLabel(label: string): LogicalType {
  const decimal = /^decimal\((\d+),(\d+)\)$/.exec(label);
  if (decimal) return { kind: 'decimal', precision: Number(decimal[1]), scale: Number(decimal[2]) };
  return { kind: label } as LogicalType;
}
