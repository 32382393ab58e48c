/** The one place where Cassandra driver errors become coded, retryable-or-not PrimacErrors. */
import { PrimacError } from '../../core/errors.ts';

export function cassandraError(error: unknown, where: { location: string; table?: string }): PrimacError {
  if (error instanceof PrimacError) return error;
  const e = error as { name?: string; message?: string; code?: number };
  const prefix = `Cassandra at ${where.location}${where.table ? `, table ${where.table}` : ''}`;
  const detail = e.message ?? String(error);
  if (e.name === 'NoHostAvailableError' || e.name === 'OperationTimedOutError' || e.name === 'BusyConnectionError' || /ECONNREFUSED|ECONNRESET|socket|closed/i.test(detail)) {
    return new PrimacError('SOURCE_UNREACHABLE', `${prefix}: ${detail.split('\n')[0]}; is the server running and reachable (CASSANDRA_HOST, CASSANDRA_PORT, CASSANDRA_DC)?`, { retryable: true });
  }
  // Server-side read timeouts / unavailable replicas (protocol codes 0x1200, 0x1000, 0x1001) are transient.
  if (e.code === 0x1200 || e.code === 0x1000 || e.code === 0x1001 || e.code === 0x1300) {
    return new PrimacError('SOURCE_UNREACHABLE', `${prefix}: ${detail}; the cluster is overloaded or a replica is down.`, { retryable: true });
  }
  if (e.code === 0x2200 && /keyspace/i.test(detail)) return new PrimacError('SOURCE_NOT_FOUND', `${prefix}: ${detail}; check CASSANDRA_KEYSPACE.`);
  if (e.code === 0x0100 || e.name === 'AuthenticationError') return new PrimacError('SOURCE_AUTH_FAILED', `${prefix}: authentication failed.`);
  return new PrimacError('SOURCE_READ_FAILED', `${prefix}: ${detail}`);
}
