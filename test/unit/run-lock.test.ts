/** The run lock on a local lake: one ingestion at a time, and a lock whose holder is gone (or broken) is taken over. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PrimacError } from '../../src/core/errors.ts';
import { acquireRunLock, LOCK_KEY } from '../../src/ingest/run-lock.ts';
import { createLocalStorage } from '../../src/lake/local/local-storage.ts';

function withLake(body: (root: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const root = mkdtempSync(join(tmpdir(), 'lock-'));
    try {
      await body(root);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };
}

const plant = (root: string, body: string) => {
  mkdirSync(join(root, '_locks'), { recursive: true });
  writeFileSync(join(root, LOCK_KEY), body);
};

test('a second run is refused while the first holds the lake, and gets it once released', withLake(async (root) => {
  const lake = createLocalStorage(root);
  const first = await acquireRunLock(lake, 'run-a', { wait: false });
  await assert.rejects(acquireRunLock(lake, 'run-b', { wait: false }), (error: unknown) =>
    error instanceof PrimacError && /Another ingestion \(run run-a, pid \d+ on .+\) is writing this lake/.test(error.message));
  await first.release();
  const second = await acquireRunLock(lake, 'run-b', { wait: false });
  assert.equal(JSON.parse(readFileSync(join(root, LOCK_KEY), 'utf8')).run, 'run-b');
  await second.release();
  const locks = join(root, '_locks');
  assert.deepEqual(existsSync(locks) ? readdirSync(locks) : [], [], 'no lock and no temp file left');
}));

test('a waiting run gets the lake when the holder releases it', withLake(async (root) => {
  const lake = createLocalStorage(root);
  const first = await acquireRunLock(lake, 'run-a', { wait: false });
  const waiting = acquireRunLock(lake, 'run-b', { wait: true, pollMs: 20 });
  setTimeout(() => void first.release(), 100);
  await (await waiting).release();
}));

test('an empty or truncated lock (a holder killed while writing it) is taken over', withLake(async (root) => {
  const lake = createLocalStorage(root);
  for (const body of ['', '{"run":"run-x","host"']) {
    plant(root, body);
    const lock = await acquireRunLock(lake, 'run-b', { wait: false });
    assert.equal(JSON.parse(readFileSync(join(root, LOCK_KEY), 'utf8')).run, 'run-b');
    await lock.release();
  }
}));

test('a lock whose process is gone is taken over; one that stopped beating too', withLake(async (root) => {
  const lake = createLocalStorage(root);
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const now = new Date().toISOString();
  plant(root, JSON.stringify({ run: 'run-dead', host: hostname(), pid: Number(gone.stdout), acquiredAt: now, heartbeatAt: now }));
  await (await acquireRunLock(lake, 'run-b', { wait: false })).release();
  const old = new Date(Date.now() - 10 * 60_000).toISOString();
  plant(root, JSON.stringify({ run: 'run-far', host: 'another-host', pid: 1, acquiredAt: old, heartbeatAt: old }));
  await (await acquireRunLock(lake, 'run-c', { wait: false })).release();
  plant(root, JSON.stringify({ run: 'run-live', host: 'another-host', pid: 1, acquiredAt: now, heartbeatAt: now }));
  await assert.rejects(acquireRunLock(lake, 'run-d', { wait: false }), /run run-live/);
}));

test('putIfAbsent creates a key whole, once', withLake(async (root) => {
  const lake = createLocalStorage(root);
  assert.equal(await lake.putIfAbsent('_locks/x.json', Buffer.from('first')), true);
  assert.equal(await lake.putIfAbsent('_locks/x.json', Buffer.from('second')), false);
  assert.equal(readFileSync(join(root, '_locks/x.json'), 'utf8'), 'first');
  assert.deepEqual(readdirSync(join(root, '_locks')), ['x.json']);
}));
