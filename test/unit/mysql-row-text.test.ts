/** The MySQL row-packet path's framing and text encoding, on hand-built protocol bytes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHUNK_BYTES, errPacket, FieldKind, PacketFrames, RowTextEncoder } from '../../src/sources/mysql/mysql-row-text.ts';

const { Copied, Text, Temporal } = FieldKind;

/** A length-encoded string (or NULL) as the text protocol sends it. */
function field(value: string | Buffer | null): Buffer {
  if (value === null) return Buffer.from([0xfb]);
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  const n = bytes.length;
  const prefix = n < 0xfb ? Buffer.from([n])
    : n < 0x10000 ? Buffer.from([0xfc, n & 0xff, n >> 8])
      : n < 0x1000000 ? Buffer.from([0xfd, n & 0xff, (n >> 8) & 0xff, n >> 16])
        : Buffer.concat([Buffer.from([0xfe]), Buffer.from(new BigUint64Array([BigInt(n)]).buffer)]);
  return Buffer.concat([prefix, bytes]);
}

/** Packets with 3-byte lengths and sequence ids; payloads of 16 MB or more split the way the protocol does. */
function packets(payloads: Buffer[]): Buffer {
  const parts: Buffer[] = [];
  let sequence = 1;
  for (const payload of payloads) {
    let at = 0;
    for (;;) {
      const size = Math.min(0xffffff, payload.length - at);
      const header = Buffer.from([size & 0xff, (size >> 8) & 0xff, size >> 16, sequence++ & 0xff]);
      parts.push(header, payload.subarray(at, at + size));
      at += size;
      if (size < 0xffffff) break;
    }
  }
  return Buffer.concat(parts);
}

function encode(kinds: FieldKind[], rows: (string | Buffer | null)[][]): string {
  const out: Buffer[] = [];
  const encoder = new RowTextEncoder(kinds, (buffer, length) => out.push(Buffer.from(buffer.subarray(0, length))));
  for (const row of rows) {
    const payload = Buffer.concat(row.map(field));
    encoder.row({ buffer: payload, offset: 0, end: payload.length });
  }
  encoder.flush();
  return Buffer.concat(out).toString('utf8');
}

test('numbers and dates are copied as spelled; NULL is an unquoted NULL', () => {
  assert.equal(encode([Copied, Copied, Temporal], [['42', '-0.50', '2024-02-29 23:59:59.999999'], [null, '0', '2000-01-01']]),
    '42\t-0.50\t2024-02-29 23:59:59.999999\nNULL\t0\t2000-01-01\n');
});

test("MySQL's zero dates and zero-in-date values become NULL; real dates and times are copied", () => {
  const values = ['0000-00-00', '0000-00-00 00:00:00', '0000-00-00 00:00:00.000000', '2020-00-15', '2021-03-00 10:00:00',
    '2000-10-10', '2024-02-29 00:00:00.000001', '1000-01-01', '0001-01-01 00:00:00'];
  assert.equal(encode([Temporal], values.map((v) => [v])),
    ['NULL', 'NULL', 'NULL', 'NULL', 'NULL', '2000-10-10', '2024-02-29 00:00:00.000001', '1000-01-01', '0001-01-01 00:00:00'].join('\n') + '\n');
  assert.equal(encode([Copied], [['0000-00-00']]), '0000-00-00\n', 'only date and time columns are checked');
});

test('text is quoted only when it must be, with quotes doubled', () => {
  const nasty = ['plain', '', 'NULL', 'null', 'NULLS', 'say "hi"', 'a\tb', 'line\nbreak', 'cr\rlf', ' padded ', 'emoji 🎉', "it's", 'a,b', '\\N', '\\'];
  const text = encode([Text], nasty.map((v) => [v]));
  assert.equal(text, [
    'plain', '""', '"NULL"', 'null', 'NULLS', '"say ""hi"""', '"a\tb"', '"line\nbreak"', '"cr\rlf"', ' padded ', 'emoji 🎉', "it's", 'a,b', '\\N', '\\',
  ].join('\n') + '\n');
});

test('long fields (2- and 3-byte lengths) and chunk overflow keep every byte', () => {
  const long = 'x'.repeat(70_000) + '"';
  const rows = Array.from({ length: 50 }, (_, i) => [String(i), long]);
  const text = encode([Copied, Text], rows);
  const expected = rows.map(([i]) => `${i}\t"${'x'.repeat(70_000)}"""`).join('\n') + '\n';
  assert.equal(text.length, expected.length);
  assert.equal(text, expected);
  assert.ok(text.length > CHUNK_BYTES * 10, 'the output spans many chunks');
});

test('a row packet with missing or extra fields is refused', () => {
  const encoder = new RowTextEncoder([Copied, Copied], () => undefined);
  const short = field('1');
  assert.throws(() => encoder.row({ buffer: short, offset: 0, end: short.length }), /ended after 1 of 2 fields/);
  const long = Buffer.concat([field('1'), field('2'), field('3')]);
  assert.throws(() => encoder.row({ buffer: long, offset: 0, end: long.length }), /more than the 2 fields/);
  const overrun = Buffer.concat([field('1'), Buffer.from([5, 0x41])]);
  assert.throws(() => encoder.row({ buffer: overrun, offset: 0, end: overrun.length }), /runs past its end/);
});

test('packets split across socket chunks at every possible point are framed whole', () => {
  const payloads = [Buffer.from('one'), Buffer.alloc(0), Buffer.from('three'), Buffer.from('a'.repeat(300))];
  const stream = packets(payloads);
  for (let cut = 0; cut <= stream.length; cut++) {
    for (const second of [cut, Math.min(stream.length, cut + 2), Math.min(stream.length, cut + 5)]) {
      const seen: string[] = [];
      const frames = new PacketFrames((buffer, start, end) => seen.push(buffer.toString('latin1', start, end)), () => assert.fail('no rest expected'));
      // Chunks are reused by the socket: overwrite each after its call, as a recycled read buffer would be.
      for (const chunk of [stream.subarray(0, cut), stream.subarray(cut, second), stream.subarray(second)]) {
        const copy = Buffer.from(chunk);
        frames.push(copy);
        copy.fill(0x3f);
      }
      assert.deepEqual(seen, payloads.map((p) => p.toString('latin1')), `cut at ${cut}/${second}`);
    }
  }
});

test('a payload of 16 MB or more arrives joined from its protocol packets', () => {
  const big = Buffer.alloc(0xffffff + 10, 0x61);
  big[0] = 0x62;
  big[big.length - 1] = 0x63;
  const exact = Buffer.alloc(0xffffff, 0x64);
  const stream = packets([big, exact, Buffer.from('after')]);
  const seen: Buffer[] = [];
  const frames = new PacketFrames((buffer, start, end) => seen.push(Buffer.from(buffer.subarray(start, end))), () => undefined);
  for (let at = 0; at < stream.length; at += 65536) frames.push(stream.subarray(at, at + 65536));
  assert.equal(seen.length, 3);
  assert.ok(seen[0]!.equals(big));
  assert.ok(seen[1]!.equals(exact), 'a payload of exactly 16 MB - 1 is followed by an empty packet');
  assert.equal(seen[2]!.toString(), 'after');
});

test('once stopped, the unread rest of the chunk goes back to the driver', () => {
  const stream = packets([Buffer.from('row'), Buffer.from([0xfe, 0, 0, 2, 0]), Buffer.from('next command')]);
  let rest: Buffer | undefined;
  const frames = new PacketFrames((buffer, start) => { if (buffer[start] === 0xfe) frames.stopped = true; }, (r) => { rest = r; });
  frames.push(stream);
  assert.equal(rest?.subarray(4).toString(), 'next command');
});

test("a server's ERR packet keeps its number, SQL state and message", () => {
  const payload = Buffer.concat([Buffer.from([0xff, 0x7a, 0x04]), Buffer.from("#42S02Table 'primac.gone' doesn't exist")]);
  const error = errPacket(payload, 0, payload.length);
  assert.equal(error.errno, 1146);
  assert.equal(error.sqlState, '42S02');
  assert.equal(error.message, "Table 'primac.gone' doesn't exist");
});

test('rows of plain fields (copied whole) and rows needing care (field by field) give the same text as a field-by-field reference', () => {
  // The reference: every field encoded on its own by the rules in the module's header.
  const reference = (kind: FieldKind, value: string | null): string => {
    if (value === null) return 'NULL';
    if (kind === Temporal && value.length >= 10 && (value.slice(5, 7) === '00' || value.slice(8, 10) === '00')) return 'NULL';
    if (kind !== Text) return value;
    return value === '' || value === 'NULL' || /["\t\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  };
  const texts = ['plain', 'ñandú 🎉', '', 'NULL', 'NULLS', 'a"b', 'tab\there', 'line\nbreak', 'cr\r', 'x'.repeat(250), 'y'.repeat(251), 'z'.repeat(70000), ' edge '];
  const temporals = ['2024-02-29', '2024-02-29 10:00:00', '0000-00-00', '2020-00-15', '2021-03-00 10:00:00', '10:00:00'];
  const kinds: FieldKind[] = [Copied, Text, Temporal, Text, Copied];
  let seed = 7;
  const pick = <T>(list: readonly T[]): T => list[(seed = (seed * 1103515245 + 12345) % 2147483648) % list.length]!;
  const rows = Array.from({ length: 3000 }, () => kinds.map((kind) => {
    const value = kind === Text ? pick(texts) : kind === Temporal ? pick(temporals) : pick(['1', '-0.50', '123456789012345678901234567890', '']);
    return pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) === 0 ? null : value;
  }));
  assert.equal(encode(kinds, rows), rows.map((row) => `${row.map((v, i) => reference(kinds[i]!, v)).join('\t')}\n`).join(''));
});
