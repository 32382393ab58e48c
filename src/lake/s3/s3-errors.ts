/** The one place where S3 SDK errors become coded PrimacErrors (never naming credentials). */
import { PrimacError } from '../../core/errors.ts';

const RETRYABLE = new Set(['SlowDown', 'InternalError', 'ServiceUnavailable', 'RequestTimeout', 'RequestTimeTooSkewed', 'ThrottlingException', 'TimeoutError', 'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE']);

export function s3Error(error: unknown, what: string): PrimacError {
  if (error instanceof PrimacError) return error;
  const e = error as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = e.name ?? e.code ?? 'Error';
  const status = e.$metadata?.httpStatusCode;
  if (name === 'NoSuchBucket') return new PrimacError('LAKE_FAILED', `S3 ${what}: the bucket does not exist; create it or fix LAKE_URI.`);
  if (name === 'AccessDenied' || name === 'InvalidAccessKeyId' || name === 'SignatureDoesNotMatch' || status === 403) {
    return new PrimacError('LAKE_FAILED', `S3 ${what}: access denied (${name}); check the AWS credentials and the IAM policy (s3:PutObject, s3:GetObject, s3:ListBucket, s3:DeleteObject).`);
  }
  const retryable = RETRYABLE.has(name) || RETRYABLE.has(e.code ?? '') || (status !== undefined && status >= 500);
  return new PrimacError('LAKE_FAILED', `S3 ${what}: ${name}${e.message ? `: ${e.message}` : ''}. Check LAKE_URI and S3_ENDPOINT.`, { retryable });
}
