import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidArgumentError } from 'commander';
import { parseScale, parseSeed, parseShape, parseSources, parseUntil } from '../../src/cli/commands/seed.ts';
import { addMonths, isoDate, Timeline } from '../../src/seed/calendar.ts';
import { clientUserId, slotOf } from '../../src/seed/people.ts';
import { makePlan } from '../../src/seed/plan.ts';
import { Rng, scramble } from '../../src/seed/random.ts';
import { SEED_TABLES } from '../../src/seed/tables.ts';

const plan = makePlan({ scale: 0.05, seed: 42, shape: 'consistent', until: Date.parse('2026-06-01T00:00:00Z'), loadTime: 0 });

test('Rng is a pure function of (seed, stream, index)', () => {
  const a = new Rng(1, 2, 3);
  const b = new Rng(1, 2, 3);
  const c = new Rng(1, 2, 4);
  const drawsA = Array.from({ length: 5 }, () => a.next());
  assert.deepEqual(Array.from({ length: 5 }, () => b.next()), drawsA);
  assert.notDeepEqual(Array.from({ length: 5 }, () => c.next()), drawsA);
  assert.match(new Rng(9, 9, 9).uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('scramble is a bijection (unique phones and documents)', () => {
  const seen = new Set<number>();
  for (let i = 0; i < 100_000; i++) seen.add(scramble(i, 12345, 100_000_000));
  assert.equal(seen.size, 100_000);
});

test('client k ↔ user: every client is a distinct user in a client slot', () => {
  const users = new Set<number>();
  for (let k = 0; k < plan.clients; k++) {
    const u = clientUserId(plan, k);
    assert.ok(u >= 1 && u <= plan.users);
    assert.ok(slotOf(plan, u) < 15);
    users.add(u);
  }
  assert.equal(users.size, plan.clients);
});

test('calendar: month arithmetic clamps, the timeline rises monotonically within [start, until)', () => {
  assert.equal(isoDate(addMonths(Date.parse('2024-01-31T00:00:00Z'), 1)), '2024-02-29');
  assert.equal(isoDate(addMonths(Date.parse('2023-12-15T00:00:00Z'), 3)), '2024-03-15');
  const t = new Timeline(Date.parse('2026-06-01T00:00:00Z'), 4, 3);
  let previous = -Infinity;
  for (let q = 0; q < 1; q += 0.001) {
    const at = t.at(q);
    assert.ok(at >= previous && at >= t.start && at < t.until);
    previous = at;
  }
});

test('generated rows match their declared columns and counts', () => {
  for (const table of SEED_TABLES) {
    let rows = 0;
    for (const row of table.rows(plan, 1, table.span(plan))) {
      assert.equal(row.length, table.columns.length, table.name);
      rows++;
    }
    const expected = table.expectedRows(plan);
    if (expected !== null) assert.equal(rows, expected, table.name);
  }
});

test('CLI option parsers reject bad values with what is allowed', () => {
  assert.equal(parseScale('0.5'), 0.5);
  assert.equal(parseSeed('42'), 42);
  assert.equal(parseShape('TEAM'), 'team');
  assert.deepEqual(parseSources('postgresql,mysql,mysql'), ['postgres', 'mysql']);
  assert.equal(parseUntil('2026-01-31'), Date.parse('2026-01-31T00:00:00Z'));
  const bad: [() => unknown, RegExp][] = [
    [() => parseScale('0'), /greater than 0/], [() => parseScale('abc'), /not a scale/], [() => parseSeed('-1'), /integer from 0/],
    [() => parseShape('loose'), /consistent or team/], [() => parseSources('oracle'), /mysql, postgres, cassandra/],
    [() => parseUntil('2026-02-30'), /YYYY-MM-DD/],
  ];
  for (const [call, message] of bad) assert.throws(call, (e: Error) => e instanceof InvalidArgumentError && message.test(e.message));
});
