/**
 * Lets an eachRow query receive its result rows as bytes instead of Row objects. A row callback that carries a
 * RawRowsHandler under RAW_ROWS gets, per result page, two calls (row = null): one when the page starts arriving,
 * one after the handler has been given every row's bytes; every other query is parsed by the driver as before.
 *
 * This reaches into cassandra-driver's parser (version pinned in package.json): the patch is installed once, only if
 * the internals it needs are where expected, and the caller falls back to the driver's rows when it is not.
 * Why: the driver's per-row objects, per-cell values and per-row stream pushes were most of the main thread's time
 * and garbage when reading the audit table.
 */
import { createRequire } from 'node:module';
import type { RowsRead } from './cql-row-text.ts';

export const RAW_ROWS = Symbol('primac.cassandra.rawRows');

export interface RawRowsHandler {
  /** The result's column types and the driver's decoder for them; called before the page's first rows. */
  frame(types: readonly unknown[], decode: (bytes: Buffer, type: unknown) => unknown): void;
  /** Encodes up to `max` whole rows of `src` from `offset`; a row cut by `end` is left for the next call. */
  rows(src: Buffer, offset: number, end: number, max: number): RowsRead;
}

interface FrameReader { buf: Buffer; offset: number; readInt(): number }
interface FrameInfo {
  header: { streamId: number };
  byRow?: boolean; parsingError?: boolean; rowLength?: number; rowIndex?: number;
  meta: { columns: { type: unknown }[] }; flagsInfo: unknown;
  [HANDLER]?: RawRowsHandler | null;
  [STARTED]?: boolean;
}
interface ParserLike {
  encoder: { decode(bytes: Buffer, type: unknown): unknown };
  push(item: unknown): boolean;
  handleParsingError(error: unknown, frameInfo: FrameInfo, reader: FrameReader | null, offset?: number, rowIndex?: number): void;
  [OWNER]?: { _operations?: Map<number, { _rowCallback?: { [RAW_ROWS]?: RawRowsHandler } }> };
}

const HANDLER = Symbol('handler');
const STARTED = Symbol('started');
const OWNER = Symbol('owner');
let installed: boolean | null = null;

/** The handler of the query this frame answers, if its row callback carries one. */
function handlerOf(parser: ParserLike, frame: FrameInfo): RawRowsHandler | null {
  if (frame[HANDLER] === undefined) {
    const operation = parser[OWNER]?._operations?.get(frame.header.streamId);
    const handler = operation?._rowCallback?.[RAW_ROWS] ?? null;
    handler?.frame(frame.meta.columns.map((c) => c.type), (bytes, type) => parser.encoder.decode(bytes, type));
    frame[HANDLER] = handler;
  }
  return frame[HANDLER];
}

/** Installs the patch once; false when this driver's internals are not the expected ones (then nothing is changed). */
export function installRawRows(): boolean {
  if (installed !== null) return installed;
  installed = false;
  const require = createRequire(import.meta.url);
  let Parser: { prototype: Record<string, unknown> };
  let Connection: { prototype: Record<string, unknown> };
  try {
    Parser = (require('cassandra-driver/lib/streams.js') as { Parser: typeof Parser }).Parser;
    Connection = require('cassandra-driver/lib/connection.js') as typeof Connection;
  } catch {
    return false;
  }
  const parseRows = Parser?.prototype?.parseRows as ((this: ParserLike, frame: FrameInfo, reader: FrameReader) => void) | undefined;
  const write = Connection?.prototype?._write as ((this: { parser: ParserLike }, ...args: unknown[]) => unknown) | undefined;
  if (typeof parseRows !== 'function' || typeof write !== 'function' || typeof Parser.prototype.handleParsingError !== 'function') return false;

  // A connection's parser learns its connection, to find the query a frame answers (its stream id).
  Connection.prototype._write = function (this: { parser: ParserLike }, ...args: unknown[]) {
    this.parser[OWNER] = this as unknown as ParserLike[typeof OWNER];
    return write.apply(this, args);
  };
  Parser.prototype.parseRows = function (this: ParserLike, frame: FrameInfo, reader: FrameReader) {
    if (frame.byRow && frame.parsingError) return undefined;
    let handler: RawRowsHandler | null;
    try {
      handler = frame.byRow ? handlerOf(this, frame) : null;
    } catch (error) {
      // E.g. a result with other columns than selected: the query fails (a throw here would be uncaught).
      return this.handleParsingError(error, frame, null);
    }
    if (!handler) return parseRows.call(this, frame, reader);
    if (frame.rowLength === undefined) {
      try {
        frame.rowLength = reader.readInt();
      } catch (error) {
        return this.handleParsingError(error, frame, reader);
      }
    }
    const { header, meta, flagsInfo: flags } = frame;
    if (frame.rowLength === 0) return this.push({ header, result: { rows: [], meta, flags } });
    // As the driver does at a page's first row: the query is answered, so its read timeout stops (a retry elsewhere
    // would repeat rows already encoded). The second "row", after the last one, completes the query.
    if (!frame[STARTED]) {
      frame[STARTED] = true;
      this.push({ header, row: null, meta, byRow: true, length: 2, flags });
    }
    const done = frame.rowIndex ?? 0;
    let read: RowsRead;
    try {
      read = handler.rows(reader.buf, reader.offset, reader.buf.length, frame.rowLength - done);
    } catch (error) {
      return this.handleParsingError(error, frame, null);
    }
    reader.offset = read.next;
    if (done + read.rows < frame.rowLength) {
      // The driver keeps the bytes from the cut row on and calls again once `needed` bytes have arrived.
      const cut = Object.assign(new RangeError('a row continues in the next chunk'), { expectedLength: read.needed });
      return this.handleParsingError(cut, frame, reader, read.next, done + read.rows);
    }
    // The query's callback then sees the page's paging state.
    this.push({ header, row: null, meta, byRow: true, length: 2, flags });
    return this.push({ header, byRowCompleted: true, meta, length: 2, flags });
  };
  installed = true;
  return true;
}
