/**
 * Athena's failures → coded errors, in one place: the SDK's exceptions (access, throttling, bad settings, network)
 * and a query's FAILED state. Messages name the problem and what to check; they never hold the SQL, credentials
 * or the caller's ARN. Retryability comes from the exception type or Athena's own `Retryable` flag.
 */
import type { AthenaError } from '@aws-sdk/client-athena';
import { PrimacError } from '../../core/errors.ts';

/** What a message may name about the deployment. */
export interface AthenaPlace { readonly region: string; readonly workgroup: string; readonly database: string; readonly endpoint: string | null }

const ACTIONS = 'athena:StartQueryExecution, athena:GetQueryExecution, athena:GetQueryResults, athena:StopQueryExecution';
const DENIED = /AccessDenied|Access Denied|not authorized|PERMISSION_DENIED|Insufficient permissions|Forbidden/i;
const MISSING = /TABLE_NOT_FOUND|SCHEMA_NOT_FOUND|CATALOG_NOT_FOUND|EntityNotFound|(Table|Schema|Database) .* does not exist/i;
const NETWORK = /ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|socket hang up/;

/** Athena's text, first line, bounded: the message of a failed query, never the query. */
const firstLine = (text: string | undefined): string => (text ?? '').split('\n')[0]!.slice(0, 300);

/** An exception the SDK threw for `operation` (after its own retries). */
export function athenaCallError(error: unknown, operation: string, place: AthenaPlace): PrimacError {
  if (error instanceof PrimacError) return error;
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = e.name ?? 'Error';
  const status = e.$metadata?.httpStatusCode;
  if (name === 'AccessDeniedException' || name === 'UnrecognizedClientException' || name === 'InvalidSignatureException' || name === 'ExpiredTokenException' || status === 403) {
    const action = /perform: (athena:\w+)/.exec(e.message ?? '')?.[1] ?? `athena:${operation}`;
    return new PrimacError('ENGINE_PERMISSION_DENIED', `Athena refused ${action} in workgroup ${place.workgroup} (${name}): the credentials must be valid and their IAM policy must allow ${ACTIONS} (deploy/aws/iam-policy.json).`, { cause: error });
  }
  if (name === 'TooManyRequestsException' || name === 'ThrottlingException' || status === 429) {
    return new PrimacError('ENGINE_THROTTLED', `Athena throttled ${operation} in ${place.region} even after retries (${name}): too many concurrent queries for the account's quota; retry shortly or raise the quota.`, { retryable: true, cause: error });
  }
  if (name === 'InvalidRequestException') {
    return new PrimacError('ENGINE_FAILED', `Athena rejected ${operation}: ${firstLine(e.message)}. Check ATHENA_WORKGROUP=${place.workgroup} and ATHENA_OUTPUT.`, { cause: error });
  }
  const unreachable = name === 'InternalServerException' || name === 'TimeoutError' || (status !== undefined && status >= 500) || NETWORK.test(`${e.message} ${(error as { code?: string }).code ?? ''}`);
  if (unreachable || status === undefined) {
    const where = place.endpoint ? `at ${new URL(place.endpoint).host}` : `in ${place.region}`;
    return new PrimacError('ENGINE_UNREACHABLE', `Athena ${where} did not answer ${operation} (${name}): check AWS_REGION${place.endpoint ? ', ATHENA_ENDPOINT' : ''} and the network path to Athena.`, { retryable: true, cause: error });
  }
  return new PrimacError('ENGINE_FAILED', `Athena ${operation} failed: ${name}: ${firstLine(e.message)}`, { cause: error });
}

/** A query that ended FAILED (or CANCELLED by someone else): Athena's reason, classified. */
export function queryFailedError(state: string, reason: string | undefined, athenaError: AthenaError | undefined, place: AthenaPlace): PrimacError {
  const text = firstLine(reason ?? athenaError?.ErrorMessage) || 'no reason given';
  if (state === 'CANCELLED') {
    return new PrimacError('ENGINE_FAILED', `Athena cancelled the query before it finished (${text}): stopped by another client or by the workgroup's limits.`, { retryable: true });
  }
  if (MISSING.test(text)) {
    return new PrimacError('ENGINE_TABLE_NOT_FOUND', `Athena cannot find a table: ${text}. Check GLUE_DATABASE=${place.database} and that \`primac ingest\` has committed the table to Glue.`);
  }
  if (DENIED.test(text)) {
    return new PrimacError('ENGINE_PERMISSION_DENIED', `Athena was denied access while running the query: ${text}. The role needs to read the lake (s3:GetObject, s3:ListBucket), the Glue tables (glue:GetDatabase, glue:GetTable) and to write ATHENA_OUTPUT.`);
  }
  return new PrimacError('ENGINE_FAILED', `Athena failed the query: ${text}`, { retryable: athenaError?.Retryable === true });
}

export function timeoutError(ms: number, place: AthenaPlace): PrimacError {
  return new PrimacError('ENGINE_TIMEOUT', `Athena did not finish the query within ${ms / 1000} s in workgroup ${place.workgroup}, so it was stopped: check the workgroup's queue and capacity, or raise REQUEST_TIMEOUT_MS.`, { retryable: true });
}
