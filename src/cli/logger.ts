/** Structured logs (pino, JSON lines on stderr) with secrets redacted by key. */
import pino from 'pino';

export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): pino.Logger {
  return pino({
    level,
    base: undefined,
    redact: { paths: ['password', '*.password', 'secret', '*.secret', 'authorization', '*.authorization', 'headers.authorization', 'headers["x-api-key"]'], censor: '***' },
  }, pino.destination(2));
}
