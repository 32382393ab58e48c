/**
 * One token range's current page of rows, gathered as CSV lines: from the protocol's bytes (cql-raw-rows.ts), or
 * from the driver's Row objects (the fallback, and the path when the driver's internals are not the expected ones).
 */
import type cassandra from 'cassandra-driver';
import type { ColumnSchema } from '../../core/table-model.ts';
import type { DecimalSizing } from '../decimal-sizing.ts';
import { cassandraCsvEncoder } from './cassandra-types.ts';
import { RAW_ROWS, type RawRowsHandler } from './cql-raw-rows.ts';
import { CqlRowEncoder, cellKind } from './cql-row-text.ts';

type RowCallback = (n: number, row: cassandra.types.Row) => void;

export interface PageRows {
  /** The eachRow callback for this range's queries. */
  readonly onRow: RowCallback;
  /** The page's lines so far, in lines[0, length) (null when none), and their count; throws what encoding a row threw. */
  take(): { lines: Buffer | null; length: number; rows: number };
}

/** Rows encoded from their bytes as they arrive, into buffers from `fresh`; decimals measured by `sizing`. */
export function rawPageRows(columns: readonly ColumnSchema[], cqlTypes: Readonly<Record<string, string>>, sizing: DecimalSizing, fresh: () => Buffer): PageRows {
  const encoder = new CqlRowEncoder(columns.map((c, i) => {
    const cql = cqlTypes[c.name] ?? 'text';
    return { kind: cellKind(cql), cql, ...(sizing.indexes.includes(i) ? { measure: (text: string) => sizing.see(i, text) } : {}) };
  }), fresh);
  let rows = 0;
  const handler: RawRowsHandler = {
    frame: (types, decode) => encoder.frame(types, decode),
    rows(src, offset, end, max) {
      const read = encoder.rows(src, offset, end, max);
      rows += read.rows;
      return read;
    },
  };
  return {
    onRow: Object.assign(() => undefined, { [RAW_ROWS]: handler }),
    take() {
      const lines = encoder.take();
      const page = { lines: lines?.buffer ?? null, length: lines?.length ?? 0, rows };
      rows = 0;
      return page;
    },
  };
}

/** Rows as the driver parsed them (eachRow), each encoded at once so that it dies young. */
export function driverPageRows(columns: readonly ColumnSchema[], cqlTypes: Readonly<Record<string, string>>, sizing: DecimalSizing): PageRows {
  const fields = columns.map((col) => cassandraCsvEncoder(cqlTypes[col.name] ?? 'text'));
  const names = columns.map((col) => col.name);
  const measured = columns.map((_, i) => sizing.indexes.includes(i));
  let chunk = '';
  let rows = 0;
  let failure: unknown = null;
  return {
    onRow(_n, row) {
      if (failure !== null) return;
      try {
        for (let i = 0; i < names.length; i++) {
          const field = fields[i]!(row[names[i]!]);
          // A decimal's field is its exact text, '' only for NULL.
          if (measured[i] && field !== '') sizing.see(i, field);
          chunk += i === 0 ? field : `,${field}`;
        }
        chunk += '\n';
        rows++;
      } catch (error) {
        failure = error;
      }
    },
    take() {
      if (failure !== null) throw failure;
      const lines = chunk ? Buffer.from(chunk) : null;
      const page = { lines, length: lines?.length ?? 0, rows };
      chunk = '';
      rows = 0;
      return page;
    },
  };
}
