import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countAtOrBelowPercentile, fraction, pct, percentileRanks, ratio, round } from '../../src/analytics/exact.ts';

test('rounding is half away from zero, on exact values', () => {
  assert.equal(round(fraction('0.015')), 0.02);
  assert.equal(round(fraction('-0.015')), -0.02);
  assert.equal(round(fraction('2.675')), 2.68, 'no binary floating point on the way');
  assert.equal(ratio('1', '3'), 0.33);
  assert.equal(pct(1, 0), null);
  assert.equal(round(fraction('-0.004')), 0);
});

test('percentile positions follow percentile_cont', () => {
  assert.deepEqual(percentileRanks(50, 5), { lo: 2, hi: 2, weight: { n: 0n, d: 100n } });
  assert.deepEqual(percentileRanks(90, 5), { lo: 3, hi: 4, weight: { n: 60n, d: 100n } });
});

test('values at or below a percentile, ties included', () => {
  const values = ['10', '10', '10', '20'];
  const le = [3, 3, 3, 4];
  const at = (rank: number) => ({ value: values[rank - 1]!, le: le[rank - 1]! });
  // p40 = 10 exactly (between two 10s): every 10 is at or below it; p80 = 14: the three 10s.
  assert.equal(countAtOrBelowPercentile(40, 4, at), 3);
  assert.equal(countAtOrBelowPercentile(80, 4, at), 3);
  assert.equal(countAtOrBelowPercentile(100, 4, at), 4);
  const distinct = ['0', '50', '150', '200'];
  assert.equal(countAtOrBelowPercentile(40, 4, (r) => ({ value: distinct[r - 1]!, le: r })), 2);
});
