/**
 * Cassandra rows from their protocol bytes to CSV lines: the same text as the driver's decoding followed by
 * cassandraCsvEncoder, for every kind of cell, however the bytes are cut into chunks.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import cassandra from 'cassandra-driver';
import { cassandraCsvEncoder } from '../../src/sources/cassandra/cassandra-types.ts';
import { CqlRowEncoder, cellKind, varintDigits } from '../../src/sources/cassandra/cql-row-text.ts';

const { dataTypes, BigDecimal, Integer, Long, Uuid, TimeUuid, LocalDate, LocalTime, InetAddress } = cassandra.types;
/** The driver's own value codec (not in its type declarations). */
interface DriverCodec { encode(value: unknown, type: unknown): Buffer; decode(bytes: Buffer, type: unknown): unknown }
const { Encoder } = cassandra as unknown as { Encoder: new (protocolVersion: number, options: object) => DriverCodec };
const driver = new Encoder(4, {});
const type = (cql: string) => (dataTypes as unknown as { getByName(name: string): unknown }).getByName(cql);
const decode = (bytes: Buffer, t: unknown) => driver.decode(bytes, t);

/** A cell as the protocol sends it: int32 length (-1 = NULL) and the bytes. */
function cell(bytes: Buffer | null): Buffer {
  const head = Buffer.alloc(4);
  head.writeInt32BE(bytes === null ? -1 : bytes.length);
  return bytes === null ? head : Buffer.concat([head, bytes]);
}

const COLUMNS = ['text', 'ascii', 'int', 'bigint', 'timestamp', 'smallint', 'tinyint', 'boolean', 'uuid', 'timeuuid', 'double', 'float',
  'decimal', 'varint', 'blob', 'date', 'time', 'inet', 'list<int>', 'map<text, int>'];

const NASTY = ['', ' lead', 'trail ', 'a,b', 'say "hi"', 'line\nbreak', 'cr\rlf', 'NULL', 'emoji 🎉 ñ', '\t', 'plain'];

function randomRow(i: number): unknown[] {
  const big = (digits: number) => {
    let n = BigInt(Math.floor(Math.random() * 9) + 1);
    for (let d = 1; d < digits; d++) n = n * 10n + BigInt(Math.floor(Math.random() * 10));
    return Math.random() < 0.5 ? -n : n;
  };
  const maybe = <T>(v: T) => (i % 7 === 3 ? null : v);
  return [
    maybe(NASTY[i % NASTY.length]), maybe('ascii only'), maybe((i * 2654435761) % 2147483647 - 1073741823),
    maybe(Long.fromString(big(1 + (i % 19)).toString())), maybe(new Date(Date.UTC(1900 + (i % 300), i % 12, 1 + (i % 28), i % 24, i % 60, i % 60, i % 1000))),
    maybe(-32768 + (i % 65536)), maybe(-128 + (i % 256)), maybe(i % 2 === 0), maybe(Uuid.random()), maybe(TimeUuid.now()),
    maybe([0.1, -1e-300, 1.7976931348623157e308, 123456.789, Number.NaN, -Infinity][i % 6]), maybe([0.1, 3.4028234663852886e38, -2.5][i % 3]),
    maybe(new BigDecimal(Integer.fromString(big(1 + (i % 40)).toString()) as never, (i % 25) - 5)), maybe(Integer.fromString(big(1 + (i % 45)).toString())),
    maybe(Buffer.from([i % 256, 0, 255].slice(0, i % 4))), maybe(LocalDate.fromDate(new Date(Date.UTC(2000 + (i % 30), i % 12, 1)))),
    maybe(LocalTime.fromMilliseconds(i * 1000)), maybe(InetAddress.fromString(`10.0.${i % 256}.1`)), maybe([i, -i]), maybe({ k: i }),
  ];
}

function encodedRows(values: unknown[][]): Buffer {
  return Buffer.concat(values.map((row) => Buffer.concat(row.map((v, c) => cell(v === null ? null : driver.encode(v, type(COLUMNS[c]!)))))));
}

const expected = (bytes: Buffer, rows: number) => {
  const lines: string[] = [];
  let p = 0;
  for (let r = 0; r < rows; r++) {
    const fields: string[] = [];
    for (const cql of COLUMNS) {
      const length = bytes.readInt32BE(p);
      p += 4;
      const value = length < 0 ? null : decode(bytes.subarray(p, p + length), type(cql));
      if (length > 0) p += length;
      fields.push(cassandraCsvEncoder(cql)(value));
    }
    lines.push(`${fields.join(',')}\n`);
  }
  return lines.join('');
};

/** The lines taken from an encoder, as text. */
const taken = (e: CqlRowEncoder) => {
  const lines = e.take();
  return lines && lines.buffer.toString('utf8', 0, lines.length);
};

function encoder(): CqlRowEncoder {
  const e = new CqlRowEncoder(COLUMNS.map((cql) => ({ kind: cellKind(cql), cql })), () => Buffer.allocUnsafe(64));
  e.frame(COLUMNS.map(type), decode);
  return e;
}

test('every kind of cell gives the text of the driver\'s decoding, NULLs included', () => {
  const values = Array.from({ length: 400 }, (_, i) => randomRow(i));
  const bytes = encodedRows(values);
  const e = encoder();
  const read = e.rows(bytes, 0, bytes.length, values.length);
  assert.deepEqual(read, { rows: 400, next: bytes.length, needed: 0 });
  assert.equal(taken(e), expected(bytes, values.length));
  assert.equal(e.take(), null, 'nothing is handed over twice');
});

test('rows cut at every byte are left whole for the next call, and `needed` says how much more is required', () => {
  const values = Array.from({ length: 6 }, (_, i) => randomRow(i + 1));
  const bytes = encodedRows(values);
  const want = expected(bytes, values.length);
  for (let cut = 0; cut <= bytes.length; cut++) {
    const e = encoder();
    const first = e.rows(bytes, 0, cut, values.length);
    if (first.rows < values.length) {
      assert.ok(first.needed > 0 && first.next + first.needed > cut, `cut ${cut}: needs more than it has`);
      // As the driver does: the cut row's bytes are kept, joined with what follows, and read again.
      const rest = Buffer.from(bytes.subarray(first.next));
      const second = e.rows(rest, 0, rest.length, values.length - first.rows);
      assert.equal(first.rows + second.rows, values.length, `cut ${cut}`);
    }
    assert.equal(taken(e), want, `cut at byte ${cut}`);
  }
});

test('only `max` rows are read: the bytes after them belong to the next frame', () => {
  const bytes = Buffer.concat([encodedRows([randomRow(1), randomRow(2)]), Buffer.from('next frame')]);
  const e = encoder();
  const read = e.rows(bytes, 0, bytes.length, 2);
  assert.equal(read.rows, 2);
  assert.equal(bytes.subarray(read.next).toString(), 'next frame');
});

test('an empty value of a fixed-size type reads as NULL, an empty blob as "" and empty text as ""', () => {
  const kinds = ['int', 'timestamp', 'uuid', 'decimal', 'blob', 'text'];
  const e = new CqlRowEncoder(kinds.map((cql) => ({ kind: cellKind(cql), cql })));
  e.frame(kinds.map(type), decode);
  const bytes = Buffer.concat(kinds.map(() => cell(Buffer.alloc(0))));
  e.rows(bytes, 0, bytes.length, 1);
  assert.equal(taken(e), ',,,,"",""\n');
});

test('decimals are measured as they are encoded, and a measure that throws stops the read', () => {
  const seen: string[] = [];
  const e = new CqlRowEncoder([{ kind: cellKind('decimal'), cql: 'decimal', measure: (t) => { seen.push(t); if (t.length > 8) throw new Error('too wide'); } }]);
  const row = (v: string, scale: number) => cell(driver.encode(new BigDecimal(Integer.fromString(v) as never, scale), dataTypes.decimal));
  const bytes = Buffer.concat([row('-12345', 2), row('1', -3), cell(null), row('123456789', 1)]);
  assert.throws(() => e.rows(bytes, 0, bytes.length, 4), /too wide/);
  assert.deepEqual(seen, ['-123.45', '1000', '12345678.9']);
});

test('varint digits from two\'s-complement bytes of any length', () => {
  for (const n of [0n, 1n, -1n, 127n, 128n, -129n, 2n ** 47n - 1n, -(2n ** 47n), 2n ** 63n, -(10n ** 40n) - 7n]) {
    const bytes = driver.encode(Integer.fromString(n.toString()), dataTypes.varint as never) as Buffer;
    assert.equal(varintDigits(bytes, 0, bytes.length), n.toString());
  }
});

test('a result with another number of columns than selected is refused', () => {
  assert.throws(() => encoder().frame([type('int')], decode), /returned 1 columns where 20 were selected/);
});
