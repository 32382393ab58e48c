import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accepts } from '../../src/api/negotiation.ts';

test('Accept: the most specific matching range decides; no header or no valid range takes anything', () => {
  for (const header of [undefined, '', '*/*', 'application/json', 'application/*', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'garbage;;;', 'application/json;q=0.5, text/csv']) {
    assert.equal(accepts(header, 'application/json'), true, String(header));
  }
  for (const header of ['application/xml', 'image/png', 'application/json;q=0', 'text/csv', '*/*, application/json;q=0']) {
    assert.equal(accepts(header, 'application/json'), false, header);
  }
  assert.equal(accepts('text/csv', 'text/csv'), true);
  assert.equal(accepts('text/*;q=0.1', 'text/csv'), true);
  assert.equal(accepts('application/json', 'text/csv'), false);
});
