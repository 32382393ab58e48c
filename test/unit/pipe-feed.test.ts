/** PipeFeed: chunks reach the pipe whole and in order, buffers come back for reuse, producers wait for room. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { LakeWriter } from '../../src/lake/parquet/lake-writer.ts';
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

test('a producer asking for room after the read was aborted is refused at once', async () => {
  const feed = new PipeFeed(16, 1);
  fill(feed, 'full\n');
  const aborted = new AbortController();
  aborted.abort(new Error('the write side failed'));
  await assert.rejects(feed.room(aborted.signal), /the write side failed/);
});

test('when DuckDB stops reading, its own error is reported, not the broken pipe the feed then gets', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'feed-duckdb-'));
  const writer = await LakeWriter.create({ tempDirectory: dir });
  const connection = await writer.connect();
  try {
    const feed = new PipeFeed(1 << 16, 1 << 20);
    // The bad value comes after several of DuckDB's 2 MB buffers, and far more follows, so the feed is still writing
    // (and gets a broken pipe) when DuckDB fails.
    const producing = (async () => {
      for (let i = 0; i < 4000; i++) {
        if (i === 200) fill(feed, 'not a number\n');
        const buffer = feed.buffer();
        feed.push(buffer, buffer.fill('2\n').length);
        await feed.room();
      }
      feed.end();
    })().catch(() => undefined);
    const columns = [{ name: 'n', type: { kind: 'int32' as const }, nullable: true, nativeType: 'int' }];
    await assert.rejects(writer.csvToParquet(connection, feed.feeder, columns, join(dir, 'out')), (error: Error) => {
      assert.doesNotMatch(error.message, /EPIPE/);
      assert.match(error.message, /not a number/);
      return true;
    });
    await producing;
  } finally {
    connection.closeSync();
    await writer.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
