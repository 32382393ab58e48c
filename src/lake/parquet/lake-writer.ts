/**
 * Writes the lake's files with an embedded DuckDB: Parquet (zstd, typed) from a scanner query or from a stream of
 * CSV text fed through a named pipe, so that no value is parsed in JavaScript. Output goes to a folder, split into
 * files of ROW_GROUPS_PER_FILE row groups. Memory is bounded by DuckDB's memory_limit (spilling to a temp folder),
 * not by the table's size.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, constants, createWriteStream, mkdirSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { ColumnSchema } from '../../core/table-model.ts';
import { csvStagingType, fromCsvExpression, quoteString, type CsvValueRules } from './duckdb-types.ts';

export interface WriterOptions {
  readonly tempDirectory: string;
  readonly threads?: number;
  readonly memoryLimit?: string;
}

/** How the CSV text is spelled: RFC 4180 by default; the MySQL client's tab-separated output otherwise. */
export interface CsvDialect extends CsvValueRules {
  readonly delimiter: string;
  /** The unquoted text meaning NULL ('' = an empty unquoted field). */
  readonly nullText: string;
}
export const RFC4180: CsvDialect = { delimiter: ',', nullText: '' };

/** The error a writer gets once the pipe's reading end (DuckDB) has closed: it says nothing of why. */
export const isBrokenPipe = (error: unknown): boolean => (error as NodeJS.ErrnoException | null)?.code === 'EPIPE';

/**
 * CSV text for the writer: a stream Node copies into the named pipe, or a feeder that writes the pipe at `path`
 * itself (e.g. a child process redirected into it, so no byte passes through JavaScript) and settles when done.
 */
export type CsvInput = Readable | ((path: string) => Promise<void>);

/**
 * Row groups of 61,440 rows (half DuckDB's default) or about 6 MB of DuckDB's in-memory data, whichever is first:
 * each writer thread holds one while it fills, so the byte cap keeps the writer's memory flat whatever a row's width
 * (measured at 1.1M rows: MariaDB users 235 → 202 MB peak RSS, the Cassandra audit table 326 → 283 MB, at the same
 * speed and file size), while narrow tables keep ~55k-row groups; ≤ 8 row groups per file. zstd at level 1 (Apache
 * Arrow's default) rather than DuckDB's 3: measured on MariaDB `clients` (825k rows, 6 alternating runs) 7% less time
 * and ~10% less CPU for 18 MB of files instead of 16 MB; PostgreSQL `beneficiary` the same size, 5% less time.
 */
export const PARQUET_OPTIONS = "FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1, ROW_GROUP_SIZE 61440, ROW_GROUP_SIZE_BYTES '6MB'";
const SPLIT_OPTIONS = "ROW_GROUPS_PER_FILE 8, FILENAME_PATTERN 'part-{i}', OVERWRITE_OR_IGNORE true";

/** The widest row (as CSV text: a binary counts twice, as hex) a table read with `wideRows` may hold. */
export const WIDE_ROW_BYTES = 32 * 1024 * 1024;

/** DuckDB's complaint about a row longer than its CSV buffer allows. */
export const isLineTooLong = (error: unknown) => /Maximum line size of \d+ bytes exceeded|does not support a full read/.test((error as Error)?.message ?? '');

export class LakeWriter {
  private pipes = 0;
  /** Wide-row reads, one at a time: two buffers of 2 × WIDE_ROW_BYTES at once left DuckDB waiting for memory. */
  private wide: Promise<unknown> = Promise.resolve();

  private constructor(readonly instance: DuckDBInstance, private readonly tempDirectory: string) {}

  static async create(options: WriterOptions): Promise<LakeWriter> {
    mkdirSync(options.tempDirectory, { recursive: true });
    const instance = await DuckDBInstance.create(':memory:', {
      threads: String(options.threads ?? 2),
      memory_limit: options.memoryLimit ?? '256MB',
      temp_directory: join(options.tempDirectory, 'duckdb-spill'),
      preserve_insertion_order: 'false',
    });
    // Text without an offset (MySQL TIMESTAMP read in UTC) is UTC, whatever this machine's zone.
    const setup = await instance.connect();
    await setup.run("SET GLOBAL TimeZone = 'UTC'");
    setup.closeSync();
    return new LakeWriter(instance, options.tempDirectory);
  }

  connect(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  /** COPY (query) TO Parquet files in `folder`; resolves to the number of rows written. */
  async queryToParquet(connection: DuckDBConnection, query: string, folder: string): Promise<number> {
    const result = await connection.runAndReadAll(`COPY (${query}) TO ${quoteString(folder)} (${PARQUET_OPTIONS}, ${SPLIT_OPTIONS})`);
    return Number(result.getRows()[0]?.[0] ?? 0);
  }

  /**
   * Streams CSV text (no header; '' quoted as "") into Parquet files in `folder` with the columns' exact types. Lines
   * (rows) are read in 2 MB buffers, so rows up to 2 MB; `wideRows` allows rows up to WIDE_ROW_BYTES (at the cost
   * of buffers that size) for a table that failed with LineTooLong.
   */
  async csvToParquet(connection: DuckDBConnection, csv: CsvInput, columns: readonly ColumnSchema[], folder: string, dialect: CsvDialect = RFC4180, wideRows = false): Promise<number> {
    if (wideRows) {
      const turn = this.wide.then(() => this.readCsv(connection, csv, columns, folder, dialect, true));
      this.wide = turn.catch(() => undefined);
      return turn;
    }
    return this.readCsv(connection, csv, columns, folder, dialect, false);
  }

  private async readCsv(connection: DuckDBConnection, csv: CsvInput, columns: readonly ColumnSchema[], folder: string, dialect: CsvDialect, wideRows: boolean): Promise<number> {
    const pipe = join(this.tempDirectory, `pipe-${process.pid}-${this.pipes++}.csv`);
    execFileSync('mkfifo', [pipe]);
    try {
      const types = columns.map((c) => `${quoteString(c.name)}: ${quoteString(csvStagingType(c, dialect))}`).join(', ');
      const select = columns.map((c) => fromCsvExpression(c, dialect)).join(', ');
      const query = `SELECT ${select} FROM read_csv(${quoteString(pipe)}, columns = {${types}}, header = false, delim = ${quoteString(dialect.delimiter)}, quote = '"', escape = '"', nullstr = ${quoteString(dialect.nullText)}, auto_detect = false, allow_quoted_nulls = false, strict_mode = true, new_line = '\\n', ${wideRows ? `max_line_size = ${WIDE_ROW_BYTES}, buffer_size = ${2 * WIDE_ROW_BYTES}` : 'buffer_size = 2097152'})`;
      const copy = this.queryToParquet(connection, query, folder);
      const feed = typeof csv === 'function' ? csv(pipe) : pipeline(csv, createWriteStream(pipe));
      try {
        const [rows] = await Promise.all([copy, feed]);
        return rows;
      } catch (error) {
        // The survivor may open its end after our first attempt: keep releasing it until both sides have settled.
        let settled = false;
        const both = Promise.allSettled([copy, feed]).then(() => { settled = true; });
        while (!settled) {
          unblock(pipe);
          await Promise.race([both, sleep(50)]);
        }
        // A broken pipe only says that DuckDB stopped reading: its own error says why.
        const copyError = await copy.then(() => null, (e: unknown) => e);
        throw withoutRowData(isBrokenPipe(error) && copyError ? copyError : error);
      }
    } finally {
      rmSync(pipe, { force: true });
    }
  }

  async close(): Promise<void> {
    this.instance.closeSync();
    rmSync(join(this.tempDirectory, 'duckdb-spill'), { recursive: true, force: true });
  }
}

/**
 * DuckDB's CSV errors quote the offending row ("Original Line: …"): row data (personal data, often) must not reach
 * the logs or the run record. The line number and the column at fault stay.
 */
function withoutRowData(error: unknown): unknown {
  if (!(error instanceof Error) || !/^Original Line:/m.test(error.message)) return error;
  error.message = error.message.replace(/^Original Line:.*$/gm, 'Original Line: (not shown: it holds row data)');
  return error;
}

/**
 * Opening a FIFO blocks until the other end opens it. When one side failed before opening, open and close the
 * other end without blocking so that the survivor sees EOF (or EPIPE) instead of waiting forever.
 */
function unblock(pipe: string): void {
  for (const flags of [constants.O_RDONLY | constants.O_NONBLOCK, constants.O_WRONLY | constants.O_NONBLOCK]) {
    try {
      closeSync(openSync(pipe, flags));
    } catch {
      // Nobody on that end: nothing to release.
    }
  }
}
