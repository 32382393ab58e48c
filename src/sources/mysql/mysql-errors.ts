/** The one place where MySQL/MariaDB driver errors become coded, retryable-or-not PrimacErrors. */
import { PrimacError } from '../../core/errors.ts';
import { redact } from '../../core/redact.ts';

const RETRYABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'PROTOCOL_CONNECTION_LOST',
  'ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'ER_CON_COUNT_ERROR', 'ER_SERVER_SHUTDOWN', 'ER_NET_READ_INTERRUPTED', 'ER_QUERY_INTERRUPTED', 'ER_CONNECTION_KILLED', 'ER_CLIENT_INTERACTION_TIMEOUT']);

/** Server error numbers (an ERR packet read by the row-packet path) → the driver's codes for the same conditions. */
const ERRNO_CODES: Record<number, string> = {
  1044: 'ER_DBACCESS_DENIED_ERROR', 1045: 'ER_ACCESS_DENIED_ERROR', 1049: 'ER_BAD_DB_ERROR', 1142: 'ER_TABLEACCESS_DENIED_ERROR', 1146: 'ER_NO_SUCH_TABLE',
  1040: 'ER_CON_COUNT_ERROR', 1053: 'ER_SERVER_SHUTDOWN', 1205: 'ER_LOCK_WAIT_TIMEOUT', 1213: 'ER_LOCK_DEADLOCK', 1317: 'ER_QUERY_INTERRUPTED',
  1927: 'ER_CONNECTION_KILLED',
};

export function mysqlError(error: unknown, where: { location: string; table?: string }, secrets: readonly string[]): PrimacError {
  if (error instanceof PrimacError) return error;
  const e = { ...(error as { code?: string; errno?: number; message?: string; fatal?: boolean }), message: (error as Error)?.message };
  e.code ??= ERRNO_CODES[e.errno ?? -1];
  const prefix = `MySQL at ${where.location}${where.table ? `, table ${where.table}` : ''}`;
  const detail = redact(e.message ?? String(error), secrets);
  if (e.code === 'ER_ACCESS_DENIED_ERROR' || e.code === 'ER_DBACCESS_DENIED_ERROR') {
    return new PrimacError('SOURCE_AUTH_FAILED', `${prefix}: access denied; check MYSQL_USER, MYSQL_PASSWORD and the user's grants.`);
  }
  if (e.code === 'ER_BAD_DB_ERROR') return new PrimacError('SOURCE_NOT_FOUND', `${prefix}: ${detail}; check MYSQL_DATABASE.`);
  if (e.code === 'ER_NO_SUCH_TABLE') return new PrimacError('SOURCE_NOT_FOUND', `${prefix}: ${detail}; was the table dropped during the run?`);
  if (e.code === 'ER_TABLEACCESS_DENIED_ERROR') return new PrimacError('SOURCE_PERMISSION_DENIED', `${prefix}: ${detail}; grant SELECT to MYSQL_USER.`);
  if (RETRYABLE.has(e.code ?? '') || e.fatal) {
    return new PrimacError('SOURCE_UNREACHABLE', `${prefix}: ${detail}; is the server running and reachable (MYSQL_HOST, MYSQL_PORT)?`, { retryable: true });
  }
  return new PrimacError('SOURCE_READ_FAILED', `${prefix}: ${detail}`);
}
