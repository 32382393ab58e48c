/** Structured logs (pino, JSON lines on stderr) with secrets redacted by key. */
import pino from 'pino';
import { logLevel } from '../config/variables.ts';
import { dropOutputOnClosedPipe } from './closed-pipe.ts';

export function createLogger(level: string = logLevel(process.env)): pino.Logger {
  const stderr = pino.destination(2);
  dropOutputOnClosedPipe(stderr);
  return pino({
    level,
    base: undefined,
    redact: { paths: ['password', '*.password', 'secret', '*.secret', 'authorization', '*.authorization', 'headers.authorization', 'headers["x-api-key"]'], censor: '***' },
  }, stderr);
}
