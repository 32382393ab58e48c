/** Cassandra values → exact text: the fast decimal path agrees with the driver's arbitrary-precision one. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import cassandra from 'cassandra-driver';
import { cassandraCsvEncoder, cassandraEncoder, decimalText } from '../../src/sources/cassandra/cassandra-types.ts';
import { decimalShape } from '../../src/sources/decimal-sizing.ts';

const { BigDecimal, Integer, Duration, Long, Tuple } = cassandra.types;

/** The exact decimal text computed with BigInt only. */
function reference(unscaled: bigint, scale: number): string {
  if (scale <= 0) return (unscaled * 10n ** BigInt(-scale)).toString();
  const abs = (unscaled < 0n ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  return `${unscaled < 0n ? '-' : ''}${abs.slice(0, -scale)}.${abs.slice(-scale)}`;
}

test('decimal text is exact for small, huge, negative and negative-scale values', () => {
  const samples: [bigint, number][] = [[0n, 0], [0n, 2], [5n, 3], [-5n, 3], [123456n, 2], [-123456n, 2], [1n, -3], [-7n, -2], [0n, -4],
    [2n ** 53n - 1n, 4], [2n ** 53n, 4], [-(2n ** 53n) - 1n, 1], [10n ** 40n + 7n, 30], [-(10n ** 38n), 0]];
  for (let i = 0; i < 2000; i++) {
    const digits = 1 + Math.floor(Math.random() * 45);
    let n = 0n;
    for (let d = 0; d < digits; d++) n = n * 10n + BigInt(Math.floor(Math.random() * 10));
    samples.push([Math.random() < 0.5 ? -n : n, Math.floor(Math.random() * 20) - 4]);
  }
  for (const [unscaled, scale] of samples) {
    const value = new BigDecimal(Integer.fromString(unscaled.toString()) as never, scale);
    assert.equal(decimalText(value as never), reference(unscaled, scale), `${unscaled}e-${scale}`);
  }
});

test('CSV fields: plain types unquoted, NULL empty, text quoted when it must be', () => {
  assert.equal(cassandraCsvEncoder('decimal')(null), '');
  assert.equal(cassandraCsvEncoder('int')(42), '42');
  assert.equal(cassandraCsvEncoder('text')(''), '""');
  assert.equal(cassandraCsvEncoder('text')('a,"b"'), '"a,""b"""');
  assert.equal(cassandraCsvEncoder('text')(null), '');
  assert.equal(cassandraCsvEncoder('timestamp')(new Date(Date.UTC(2024, 1, 29, 23, 59, 59, 999))), String(Date.UTC(2024, 1, 29, 23, 59, 59, 999)), 'instants as epoch milliseconds');
  assert.equal(cassandraCsvEncoder('timestamp')(new Date(-1)), '-1');
  const uuid = cassandra.types.Uuid.fromString('0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d');
  assert.equal(cassandraCsvEncoder('uuid')(uuid), '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d');
  assert.equal(cassandraCsvEncoder('timeuuid')(cassandra.types.TimeUuid.fromString('50554d6e-29bb-11e5-b345-feff819cdc9f')), '50554d6e-29bb-11e5-b345-feff819cdc9f');
});

test('decimal shape: scale and integer digits without sign or leading zeros', () => {
  assert.deepEqual(decimalShape('-0012.340'), { scale: 3, digits: 2 });
  assert.deepEqual(decimalShape('0.5'), { scale: 1, digits: 0 });
  assert.deepEqual(decimalShape('1000'), { scale: 0, digits: 4 });
});

test('durations in CQL notation, not the driver\'s rounded text', () => {
  const text = cassandraEncoder('duration');
  assert.equal(text(new Duration(18, 0, Long.fromNumber(0))), '1y6mo');
  assert.equal(text(new Duration(30, 3, Long.fromNumber(45_296_000_000_001))), '2y6mo3d12h34m56s1ns');
  assert.equal(text(new Duration(-18, 0, Long.fromNumber(-3000))), '-1y6mo3us');
  assert.equal(text(new Duration(0, 0, Long.fromNumber(0))), '0s');
  assert.equal(text(null), null);
});

test('floats keep -0, NaN and ±Infinity, at the top level and inside collections', () => {
  assert.equal(cassandraEncoder('double')(-0), '-0');
  assert.equal(cassandraEncoder('float')(Number.NaN), 'NaN');
  assert.equal(cassandraEncoder('list<double>')([-0, 0, Number.NaN, Infinity, -Infinity, 1.5]), '["-0",0,"NaN","Infinity","-Infinity",1.5]');
});

test('collections, tuples and UDTs as exact JSON: no entry lost, no value changed', () => {
  const json = cassandraEncoder('map<blob, int>');
  assert.equal(json(new Map([[Buffer.from([0xff]), 1], [Buffer.from([0xfe]), 2], [Buffer.from('a'), 3]])), '{"61":3,"ff":1,"fe":2}');
  assert.equal(cassandraEncoder('map<double, int>')(new Map([[1.5, 1], [0.5, 2], [Number.NaN, 3]])), '{"1.5":1,"0.5":2,"NaN":3}');
  assert.equal(cassandraEncoder('map<timestamp, int>')(new Map([[new Date(0), 1], [new Date(1), 2]])), '{"1970-01-01T00:00:00.000Z":1,"1970-01-01T00:00:00.001Z":2}');
  assert.equal(cassandraEncoder('list<decimal>')([new BigDecimal(Integer.fromNumber(1) as unknown as number, -3), BigDecimal.fromString('-0.50')]), '["1000","-0.50"]');
  assert.equal(cassandraEncoder('list<blob>')([Buffer.from([0, 1])]), '["0001"]');
  assert.equal(cassandraEncoder('tuple<int, text, double>')(new Tuple(1, null, Number.NaN)), '[1,null,"NaN"]');
  assert.equal(cassandraEncoder('tuple<int, text>')(new Tuple(2, 'a,b')), '[2,"a,b"]');
  assert.equal(cassandraEncoder('frozen<address>')({ street: 'x', zip: null, n: Long.fromString('9007199254740993') }), '{"street":"x","zip":null,"n":"9007199254740993"}');
});
