/**
 * Writes chunks of CSV lines into the lake writer's named pipe from a few recycled buffers. Producers take a
 * buffer, fill it with whole lines, push it, and wait for room before producing more; the buffer comes back to the
 * pool once written. Without recycling, every written chunk stays allocated until the garbage collector finds it:
 * for the Cassandra audit table that was ~30 MB of dead buffers at the peak.
 */
import { open, type FileHandle } from 'node:fs/promises';

/** Writes buffer[0, length) whole (a write may take fewer bytes than offered). */
async function writeAll(file: FileHandle, buffer: Buffer, length: number): Promise<void> {
  for (let at = 0; at < length;) at += (await file.write(buffer, at, length - at)).bytesWritten;
}

interface Chunk { readonly buffer: Buffer; readonly length: number }

export class PipeFeed {
  private readonly queue: Chunk[] = [];
  private readonly free: Buffer[] = [];
  private queued = 0;
  private ended = false;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  private waiting: { resolve: () => void; reject: (error: Error) => void }[] = [];
  private failed: ((error: Error) => void) | null = null;

  /** `capacity`: the size of a fresh buffer; `maxQueued`: bytes waiting for the pipe before producers wait. */
  constructor(private readonly capacity: number, private readonly maxQueued: number, private readonly pooled = 8) {}

  /** A buffer to fill: a recycled one when there is one. */
  buffer(): Buffer {
    return this.free.pop() ?? Buffer.allocUnsafe(this.capacity);
  }

  /** Queues `buffer[0, length)` (whole lines) for the pipe; the buffer must not be touched again. */
  push(buffer: Buffer, length: number): void {
    if (this.failure) throw this.failure;
    this.queue.push({ buffer, length });
    this.queued += length;
    this.wake?.();
  }

  /** True while maxQueued bytes or more wait for the pipe. */
  get full(): boolean {
    return this.queued >= this.maxQueued;
  }

  /** `listener` hears the failure that stops the feed (e.g. DuckDB no longer reading), once. */
  onFailure(listener: (error: Error) => void): void {
    this.failed = listener;
  }

  /** Resolves once fewer than maxQueued bytes wait for the pipe; rejects when the feed failed or `signal` aborts. */
  room(signal?: AbortSignal): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    if (this.queued < this.maxQueued) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const aborted = () => {
        this.waiting = this.waiting.filter((w) => w !== waiter);
        reject(signal!.reason as Error);
      };
      const waiter = { resolve: () => { signal?.removeEventListener('abort', aborted); resolve(); }, reject };
      this.waiting.push(waiter);
      signal?.addEventListener('abort', aborted, { once: true });
    });
  }

  /** No more chunks: the feeder closes the pipe after the last one. */
  end(): void {
    this.ended = true;
    this.wake?.();
  }

  /** Stops the feed: the feeder rejects with `error`, and so do producers waiting for room. */
  fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.queue.length = 0;
    for (const w of this.waiting.splice(0)) w.reject(error);
    this.wake?.();
    this.failed?.(error);
  }

  /** The lake writer's CsvInput: opens the pipe and writes the chunks in order until the end. */
  readonly feeder = async (pipe: string): Promise<void> => {
    const file = await open(pipe, 'w');
    try {
      for (;;) {
        if (this.failure) throw this.failure;
        const next = this.queue.shift();
        if (!next) {
          if (this.ended) return;
          await new Promise<void>((resolve) => { this.wake = resolve; });
          this.wake = null;
          continue;
        }
        await writeAll(file, next.buffer, next.length);
        this.queued -= next.length;
        if (next.buffer.length >= this.capacity && this.free.length < this.pooled) this.free.push(next.buffer);
        if (this.queued < this.maxQueued) for (const w of this.waiting.splice(0)) w.resolve();
      }
    } catch (error) {
      this.fail(error as Error);
      throw error;
    } finally {
      await file.close();
    }
  };
}
