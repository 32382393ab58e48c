/**
 * The query engine seam: run SQL over the catalogued lake tables and return typed rows. The analytics SQL is
 * written once (src/analytics) and rendered per engine only where dialects differ (Dialect).
 */
import type { CatalogTable } from '../catalog/catalog.ts';

/** A result value: numbers for integers and floats, exact decimals as text ("1234.50"), dates as YYYY-MM-DD. */
export type Value = number | string | boolean | null;
export type Row = Record<string, Value>;

/** Where dialects differ. Everything else in the analytics SQL is common SQL. */
export interface Dialect {
  /** ISO day of week, 1 = Monday … 7 = Sunday. */
  isoDayOfWeek(date: string): string;
  /** Milliseconds since the epoch of an instant, as an exact integer. */
  epochMillis(timestamp: string): string;
  /** The UTC calendar date of a timestamp (naive ones are read as UTC). */
  utcDate(timestamp: string): string;
  /** A column as exact text (for comparing e-mails, states…). */
  text(expr: string): string;
  /** Text without leading and trailing white space (WHITESPACE_CLASS: what JavaScript's trim() removes). */
  trim(expr: string): string;
}

/**
 * White space as a regular-expression class both engines' regex libraries read alike (RE2 in DuckDB, Joni in
 * Trino): the characters JavaScript's String.prototype.trim() removes. The engines' own trim() differ (DuckDB's
 * removes spaces only), so neither is used.
 */
export const WHITESPACE_CLASS = '[\\x{9}-\\x{d}\\x{20}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}]';

export interface EngineCapabilities {
  /** Answers in milliseconds (embedded); false for remote engines with a latency floor. */
  readonly embedded: boolean;
}

export interface TableSnapshot {
  readonly name: string;
  readonly id: string;
  readonly committedAt: string;
  readonly rows: number;
}

export interface QueryOptions {
  /** The caller gave up: a remote engine stops the query (an embedded one may ignore it). */
  readonly signal?: AbortSignal;
}

export interface QueryEngine {
  readonly kind: 'duckdb' | 'athena' | 'trino';
  readonly dialect: Dialect;
  readonly capabilities: EngineCapabilities;
  /** Points the engine's tables at the catalog's current snapshots; resolves to what it now serves. */
  sync(tables: readonly CatalogTable[]): Promise<ReadonlyMap<string, TableSnapshot>>;
  query(sql: string, options?: QueryOptions): Promise<Row[]>;
  close(): Promise<void>;
}

/** The engine with every query bound to `signal` (a computation its callers may give up on). */
export function withSignal(engine: QueryEngine, signal: AbortSignal): QueryEngine {
  return { ...engine, query: (sql, options) => engine.query(sql, { ...options, signal: options?.signal ?? signal }) };
}
