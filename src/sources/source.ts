/**
 * The source seam: discover tables and their schemas at run time, and stream every row of a table into the
 * lake's parts with bounded memory. Each backend lives in sources/<backend>/ and translates its driver's errors in
 * exactly one place (<backend>-errors.ts).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnSchema, SourceName, TableSchema } from '../core/table-model.ts';
import type { CsvDialect, CsvInput } from '../lake/parquet/lake-writer.ts';

export interface SourceCapabilities {
  /** Reads see one consistent snapshot, so the source's count can be taken in the same snapshot. */
  readonly snapshotReads: boolean;
}

/** Where a table's rows go: Parquet parts (about 1M rows each), from CSV text or from a DuckDB query (scanner paths). */
export interface PartSink {
  /**
   * CSV text, no header: RFC 4180 with NULL = an empty unquoted field and '' = "" by default, or another dialect;
   * binary columns as hex; from a stream, or from a feeder writing the named pipe it is given. `columns` replaces
   * the table's columns when the source sized some types itself (see ExtractResult.columns). Resolves to rows written.
   */
  fromCsv(csv: CsvInput, dialect?: CsvDialect, columns?: readonly ColumnSchema[]): Promise<number>;
  /** A DuckDB query over an attached source; resolves to rows written. */
  fromQuery(sql: string): Promise<number>;
  /** The writer's DuckDB connection, for ATTACH and counts in the same transaction. */
  readonly duckdb: DuckDBConnection;
  /** Machine-wide download cache (scanner extensions). */
  readonly cache: string;
}

export interface ExtractResult {
  readonly rowsRead: number;
  /** The source's own count of the table, taken at read time (in the same snapshot where the source has them). */
  readonly sourceCount: number;
  /** Which path the rows took, e.g. "duckdb postgres scanner" or "COPY csv → DuckDB", and why. */
  readonly path: string;
  /** The columns as written, when the source sized types itself (a decimal of any scale sized while reading). */
  readonly columns?: readonly ColumnSchema[];
}

export interface Source {
  readonly name: SourceName;
  readonly capabilities: SourceCapabilities;
  /** Where it is (host:port/database), for messages; never a credential. */
  readonly location: string;
  discover(): Promise<TableSchema[]>;
  /** Streams every row of `columns` of `table` into the sink. */
  extract(table: TableSchema, columns: readonly ColumnSchema[], sink: PartSink): Promise<ExtractResult>;
  close(): Promise<void>;
}
