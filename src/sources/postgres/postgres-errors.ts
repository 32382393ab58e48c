/** The one place where PostgreSQL driver errors become coded, retryable-or-not PrimacErrors. */
import { PrimacError } from '../../core/errors.ts';
import { redact } from '../../core/redact.ts';

const RETRYABLE_SQLSTATES = new Set(['40001', '40P01', '53300', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);
const RETRYABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

export function postgresError(error: unknown, where: { location: string; table?: string }, secrets: readonly string[]): PrimacError {
  if (error instanceof PrimacError) return error;
  const e = error as { code?: string; message?: string };
  const table = where.table ? `, table ${where.table}` : '';
  const detail = redact(e.message ?? String(error), secrets);
  const prefix = `PostgreSQL at ${where.location}${table}`;
  if (e.code === '28P01' || e.code === '28000') {
    return new PrimacError('SOURCE_AUTH_FAILED', `${prefix}: authentication failed; check POSTGRES_USER and POSTGRES_PASSWORD.`);
  }
  if (e.code === '3D000') return new PrimacError('SOURCE_NOT_FOUND', `${prefix}: ${detail}; check POSTGRES_DB.`);
  if (e.code === '42P01') return new PrimacError('SOURCE_NOT_FOUND', `${prefix}: ${detail}; was the table dropped during the run?`);
  if (e.code === '42501') return new PrimacError('SOURCE_PERMISSION_DENIED', `${prefix}: ${detail}; grant SELECT on the table to POSTGRES_USER.`);
  const retryable = RETRYABLE_CODES.has(e.code ?? '') || RETRYABLE_SQLSTATES.has(e.code ?? '') || /terminat|Connection .*(ended|closed)|timeout/i.test(detail);
  if (retryable) {
    return new PrimacError('SOURCE_UNREACHABLE', `${prefix}: ${detail}; is the server running and reachable (POSTGRES_HOST, POSTGRES_PORT)?`, { retryable: true });
  }
  return new PrimacError('SOURCE_READ_FAILED', `${prefix}: ${detail}`);
}
