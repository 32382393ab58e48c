/** Retries work whose error is marked retryable (never by reading message text), with exponential backoff. */
import { setTimeout as sleep } from 'node:timers/promises';
import { isPrimacError } from '../core/errors.ts';

export async function withRetry<T>(work: (attempt: number) => Promise<T>, options: { attempts: number; baseMs: number; onRetry?: (error: Error, attempt: number) => void }): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(attempt);
    } catch (error) {
      if (attempt >= options.attempts || !isPrimacError(error) || !error.retryable) throw error;
      options.onRetry?.(error, attempt);
      await sleep(options.baseMs * 4 ** (attempt - 1));
    }
  }
}
