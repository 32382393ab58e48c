/** Structured logs (pino, JSON lines on stderr) with secrets redacted by key. */
import pino from 'pino';
import { dropOutputOnClosedPipe } from './closed-pipe.ts';

export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): pino.Logger {
  const stderr = pino.destination(2);
  dropOutputOnClosedPipe(stderr);
  return pino({
    level,
    base: undefined,
    redact: { paths: ['password', '*.password', 'secret', '*.secret', 'authorization', '*.authorization', 'headers.authorization', 'headers["x-api-key"]'], censor: '***' },
  }, stderr);
}
