/**
 * Every failure the project reports on purpose is a PrimacError: a stable code, a message that names what went
 * wrong and what to check, and whether retrying may help. Callers branch on `code`/`retryable`, never on text.
 */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'SERVICE_PREREQUISITE_MISSING'
  | 'SERVICE_START_FAILED'
  | 'SERVICE_NOT_READY'
  | 'SERVICE_PORT_BUSY'
  | 'SERVICE_UNKNOWN'
  | 'SOURCE_UNREACHABLE'
  | 'SOURCE_NOT_CONFIGURED'
  | 'SOURCE_AUTH_FAILED'
  | 'SOURCE_NOT_FOUND'
  | 'SOURCE_PERMISSION_DENIED'
  | 'SOURCE_READ_FAILED'
  | 'INGEST_VERIFY_FAILED'
  | 'INGEST_FAILED'
  | 'LAKE_FAILED'
  | 'CATALOG_FAILED'
  | 'CATALOG_CONFLICT'
  | 'SEED_FAILED'
  | 'ENGINE_FAILED'
  | 'ENGINE_UNREACHABLE'
  | 'ENGINE_PERMISSION_DENIED'
  | 'ENGINE_TABLE_NOT_FOUND'
  | 'ENGINE_THROTTLED'
  | 'ENGINE_TIMEOUT'
  | 'USAGE';

export class PrimacError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options: { retryable?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PrimacError';
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

export function isPrimacError(error: unknown): error is PrimacError {
  return error instanceof PrimacError;
}
