/**
 * One ingestion at a time per lake: a lock object created atomically (O_EXCL locally, If-None-Match on S3) and
 * kept fresh by a heartbeat. A lock whose holder died (same host, pid gone) or stopped beating is taken over.
 */
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { PrimacError } from '../core/errors.ts';
import type { LakeStorage } from '../lake/lake-storage.ts';

export const LOCK_KEY = '_locks/ingest.json';
const HEARTBEAT_MS = 20_000;
const STALE_MS = 90_000;

interface LockBody { readonly run: string; readonly host: string; readonly pid: number; readonly acquiredAt: string; readonly heartbeatAt: string }

function holderIsGone(lock: LockBody): boolean {
  if (Date.now() - Date.parse(lock.heartbeatAt) > STALE_MS) return true;
  if (lock.host !== hostname()) return false;
  try {
    process.kill(lock.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** The lock's holder; null when there is none, or when the body is not a lock (e.g. left truncated by an older version). */
function parseLock(bytes: Buffer | null): LockBody | null {
  if (!bytes) return null;
  try {
    const body = JSON.parse(bytes.toString('utf8')) as Partial<LockBody>;
    return typeof body.run === 'string' && typeof body.heartbeatAt === 'string' ? body as LockBody : null;
  } catch {
    return null;
  }
}

export interface RunLock { release(): Promise<void> }

export async function acquireRunLock(lake: LakeStorage, run: string, options: { wait: boolean; pollMs?: number }): Promise<RunLock> {
  const body = (): LockBody => ({ run, host: hostname(), pid: process.pid, acquiredAt: new Date().toISOString(), heartbeatAt: new Date().toISOString() });
  for (;;) {
    if (await lake.putIfAbsent(LOCK_KEY, Buffer.from(JSON.stringify(body())))) break;
    const holder = parseLock(await lake.get(LOCK_KEY));
    if (!holder || holderIsGone(holder)) {
      await lake.delete([LOCK_KEY]);
      continue;
    }
    if (!options.wait) {
      throw new PrimacError('INGEST_FAILED', `Another ingestion (run ${holder.run}, pid ${holder.pid} on ${holder.host}, since ${holder.acquiredAt}) is writing this lake; runs never overlap. Wait for it, or use --wait.`);
    }
    await sleep(options.pollMs ?? 2000);
  }
  const beat = setInterval(() => {
    void lake.putBytes(LOCK_KEY, Buffer.from(JSON.stringify({ ...body(), heartbeatAt: new Date().toISOString() }))).catch(() => undefined);
  }, HEARTBEAT_MS);
  beat.unref();
  return {
    async release() {
      clearInterval(beat);
      const current = parseLock(await lake.get(LOCK_KEY).catch(() => null));
      if (current?.run === run) await lake.delete([LOCK_KEY]);
    },
  };
}
