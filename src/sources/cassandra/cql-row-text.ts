/**
 * Cassandra result rows straight from the protocol's bytes to CSV lines (RFC 4180, instants as epoch milliseconds):
 * no Row object, Date, Uuid or string per cell. A row's cells are [int32 length][bytes], length < 0 for NULL.
 * Common types are encoded from their bytes here; the rest (date, time, inet, duration, collections, tuples, UDTs)
 * go through the driver's own decoder and cassandraCsvEncoder, so both paths give the same text.
 */
import { cassandraCsvEncoder, digitsWithScale, numberText } from './cassandra-types.ts';

export const CellKind = {
  Text: 0, Int32: 1, Int64: 2, Int16: 3, Int8: 4, Boolean: 5, Uuid: 6, Double: 7, Float: 8, Decimal: 9, Varint: 10, Blob: 11, Decoded: 12,
} as const;
export type CellKind = (typeof CellKind)[keyof typeof CellKind];

export function cellKind(cql: string): CellKind {
  switch (cql) {
    case 'text': case 'varchar': case 'ascii': return CellKind.Text;
    case 'int': return CellKind.Int32;
    case 'bigint': case 'counter': case 'timestamp': return CellKind.Int64;
    case 'smallint': return CellKind.Int16;
    case 'tinyint': return CellKind.Int8;
    case 'boolean': return CellKind.Boolean;
    case 'uuid': case 'timeuuid': return CellKind.Uuid;
    case 'double': return CellKind.Double;
    case 'float': return CellKind.Float;
    case 'decimal': return CellKind.Decimal;
    case 'varint': return CellKind.Varint;
    case 'blob': return CellKind.Blob;
    default: return CellKind.Decoded;
  }
}

/** A column as the encoder sees it. */
export interface CellColumn {
  readonly kind: CellKind;
  readonly cql: string;
  /** Sees each non-NULL value's text (decimal sizing); may throw to stop the read. */
  readonly measure?: (text: string) => void;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const MINUS = 0x2d;
const ZERO = 0x30;
const HEX = Buffer.from('0123456789abcdef');
const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');
const TWO_32 = 4294967296;

/** What one call to `rows` did: rows encoded, where the next row starts, and (when a row was cut) the bytes it needs. */
export interface RowsRead { rows: number; next: number; needed: number }

/**
 * Encodes rows into a growing buffer of CSV lines; `take` hands over the lines so far. A row cut by the end of the
 * bytes given is left for the next call (`needed` = its length so far known, counted from its start).
 */
export class CqlRowEncoder {
  private out: Buffer;
  private at = 0;
  private readonly fields: ((value: unknown) => string)[];
  private decode: (bytes: Buffer, column: number) => unknown = () => { throw new Error('no result metadata was given for the rows'); };

  /** `fresh` supplies the buffers lines are encoded into (grown when a page needs more). */
  constructor(private readonly columns: readonly CellColumn[], private readonly fresh: () => Buffer = () => Buffer.allocUnsafe(1 << 19)) {
    this.out = fresh();
    this.fields = columns.map((c) => cassandraCsvEncoder(c.cql));
  }

  /** A result's column types, and the driver's decoder for them (used for Decoded cells only). */
  frame(types: readonly unknown[], decode: (bytes: Buffer, type: unknown) => unknown): void {
    if (types.length !== this.columns.length) throw new Error(`the server returned ${types.length} columns where ${this.columns.length} were selected`);
    this.decode = (bytes, column) => decode(bytes, types[column]);
  }

  /** Encodes up to `max` whole rows of `src` from `offset` (never past `end`). */
  rows(src: Buffer, offset: number, end: number, max: number): RowsRead {
    const columns = this.columns;
    const n = columns.length;
    let p = offset;
    let rows = 0;
    while (rows < max) {
      const rowStart = p;
      const outStart = this.at;
      for (let i = 0; i < n; i++) {
        if (p + 4 > end) { this.at = outStart; return { rows, next: rowStart, needed: p + 4 - rowStart }; }
        const length = src.readInt32BE(p);
        p += 4;
        if (length > 0 && p + length > end) { this.at = outStart; return { rows, next: rowStart, needed: p + length - rowStart }; }
        if (i !== 0) this.byte(COMMA);
        if (length < 0) continue;
        const column = columns[i]!;
        // An empty value of a type with a fixed form (an int written as 0x) reads as NULL, as the driver reads it.
        if (length === 0 && column.kind !== CellKind.Text && column.kind !== CellKind.Blob && column.kind !== CellKind.Decoded) continue;
        this.cell(column, i, src, p, p + length);
        p += length;
      }
      this.byte(LF);
      rows++;
    }
    return { rows, next: p, needed: 0 };
  }

  /** The CSV lines encoded so far, in buffer[0, length) (the buffer is handed over, not copied); null when none. */
  take(): { buffer: Buffer; length: number } | null {
    if (this.at === 0) return null;
    const lines = { buffer: this.out, length: this.at };
    this.out = this.fresh();
    this.at = 0;
    return lines;
  }

  private cell(column: CellColumn, index: number, src: Buffer, p: number, stop: number): void {
    switch (column.kind) {
      case CellKind.Text: return this.text(src, p, stop);
      case CellKind.Int32: return this.integer(src.readInt32BE(p));
      case CellKind.Int16: return this.integer(src.readInt16BE(p));
      case CellKind.Int8: return this.integer(src.readInt8(p));
      case CellKind.Int64: {
        const value = src.readInt32BE(p) * TWO_32 + src.readUInt32BE(p + 4);
        return Number.isSafeInteger(value) ? this.integer(value) : this.ascii(src.readBigInt64BE(p).toString());
      }
      case CellKind.Boolean: return this.copy(src[p] !== 0 ? TRUE : FALSE, 0, src[p] !== 0 ? 4 : 5);
      case CellKind.Uuid: return this.uuid(src, p);
      case CellKind.Double: return this.ascii(numberText(src.readDoubleBE(p)));
      case CellKind.Float: return this.ascii(numberText(src.readFloatBE(p)));
      case CellKind.Blob: return this.ascii(p === stop ? '""' : src.toString('hex', p, stop));
      case CellKind.Decimal: case CellKind.Varint: {
        const scale = column.kind === CellKind.Decimal ? src.readInt32BE(p) : 0;
        const text = digitsWithScale(varintDigits(src, column.kind === CellKind.Decimal ? p + 4 : p, stop), scale);
        column.measure?.(text);
        return this.ascii(text);
      }
      default: {
        const text = this.fields[index]!(this.decode(Buffer.from(src.subarray(p, stop)), index));
        this.room(Buffer.byteLength(text));
        this.at += this.out.write(text, this.at);
      }
    }
  }

  private room(bytes: number): void {
    if (this.at + bytes + 2 <= this.out.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(2 * this.out.length, this.at + bytes + 2));
    this.out.copy(bigger, 0, 0, this.at);
    this.out = bigger;
  }

  private byte(c: number): void {
    this.room(1);
    this.out[this.at++] = c;
  }

  private copy(src: Buffer, p: number, stop: number): void {
    this.room(stop - p);
    this.at += src.copy(this.out, this.at, p, stop);
  }

  private ascii(text: string): void {
    this.room(text.length);
    this.at += this.out.write(text, this.at, 'latin1');
  }

  /** A safe integer's decimal digits. */
  private integer(value: number): void {
    this.room(21);
    const out = this.out;
    let o = this.at;
    if (value < 0) { out[o++] = MINUS; value = -value; }
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    for (let i = o + digits - 1; i >= o; i--) {
      out[i] = ZERO + (value % 10);
      value = Math.floor(value / 10);
    }
    this.at = o + digits;
  }

  /** Text (valid UTF-8: Cassandra checks it on write) copied, quoted when RFC 4180 or an edge space needs it. */
  private text(src: Buffer, p: number, stop: number): void {
    const length = stop - p;
    this.room(2 * length + 2);
    const out = this.out;
    let o = this.at;
    let plain = length !== 0 && src[p]! > 32 && src[stop - 1]! > 32;
    if (plain) {
      for (let q = p; q < stop; q++) {
        const c = src[q]!;
        if (c === QUOTE || c === COMMA || c === LF || c === CR) { plain = false; break; }
      }
    }
    if (plain) {
      // Short text byte by byte: Buffer#copy allocates a view per call (a tenth of the heap's peak for the audit table).
      if (length > 64) this.at += src.copy(out, o, p, stop);
      else {
        for (let q = p; q < stop; q++) out[o++] = src[q]!;
        this.at = o;
      }
      return;
    }
    out[o++] = QUOTE;
    for (let q = p; q < stop; q++) {
      const c = src[q]!;
      if (c === QUOTE) out[o++] = QUOTE;
      out[o++] = c;
    }
    out[o++] = QUOTE;
    this.at = o;
  }

  private uuid(src: Buffer, p: number): void {
    this.room(36);
    const out = this.out;
    let o = this.at;
    for (let i = 0; i < 16; i++) {
      if (i === 4 || i === 6 || i === 8 || i === 10) out[o++] = MINUS;
      const b = src[p + i]!;
      out[o++] = HEX[b >> 4]!;
      out[o++] = HEX[b & 15]!;
    }
    this.at = o;
  }
}

/** A big-endian two's-complement integer's decimal digits (CQL varint; a decimal's unscaled value). */
export function varintDigits(src: Buffer, p: number, stop: number): string {
  const length = stop - p;
  if (length === 0) return '0';
  if (length <= 6) return String(src.readIntBE(p, length));
  const unsigned = BigInt(`0x${src.toString('hex', p, stop)}`);
  return BigInt.asIntN(length * 8, unsigned).toString();
}
