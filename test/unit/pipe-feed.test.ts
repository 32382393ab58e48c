/** PipeFeed: chunks reach the pipe whole and in order, buffers come back for reuse, producers wait for room. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PipeFeed } from '../../src/sources/pipe-feed.ts';

const fill = (feed: PipeFeed, text: string) => {
  const buffer = feed.buffer();
  const length = buffer.write(text);
  feed.push(buffer, length);
  return buffer;
};

test('chunks are written whole and in order, and written buffers are handed out again', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'feed-'));
  try {
    const feed = new PipeFeed(64, 1 << 20);
    const writing = feed.feeder(join(dir, 'out'));
    const written = [fill(feed, 'a,1\n'), fill(feed, 'b,2\n')];
    await feed.room();
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(written.includes(feed.buffer()), 'a written buffer is reused');
    fill(feed, 'c,3\n');
    feed.end();
    await writing;
    assert.equal(readFileSync(join(dir, 'out'), 'utf8'), 'a,1\nb,2\nc,3\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('producers wait for room while too much waits for the pipe, and a failure releases them with its error', async () => {
  const feed = new PipeFeed(16, 8);
  fill(feed, '0123456789\n');
  let released = false;
  const waiting = feed.room().then(() => { released = true; });
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(released, false, 'no room while nobody drains the queue');
  feed.fail(new Error('DuckDB stopped reading'));
  await assert.rejects(waiting, /DuckDB stopped reading/);
  assert.throws(() => fill(feed, 'x\n'), /DuckDB stopped reading/);
  const aborted = new AbortController();
  const other = new PipeFeed(16, 1);
  fill(other, 'full\n');
  const wait = other.room(aborted.signal);
  aborted.abort(new Error('read stopped'));
  await assert.rejects(wait, /read stopped/);
});
