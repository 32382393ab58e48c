/**
 * Every error the API answers with: a stable code, an HTTP status and a message that names the problem and what
 * is allowed. The list is the contract (docs/errors.md is checked against it by a test).
 */
export const API_ERRORS = {
  INVALID_PARAMETER: { status: 400, description: 'A query parameter has a value that is not allowed; the body names it, the value and what is allowed.' },
  UNKNOWN_PARAMETER: { status: 400, description: 'A query parameter that the route does not take.' },
  INVALID_REQUEST: { status: 400, description: 'The request is malformed (body, headers or encoding).' },
  UNAUTHORIZED: { status: 401, description: 'The route needs an API key (x-api-key or Authorization: Bearer) and none, or a wrong one, was sent.' },
  NOT_FOUND: { status: 404, description: 'No such route.' },
  METHOD_NOT_ALLOWED: { status: 405, description: 'The route exists but not with this method: every route answers GET and HEAD (the Allow header says so).' },
  NOT_ACCEPTABLE: { status: 406, description: 'The Accept header takes neither JSON nor, for format=csv, CSV: the types the route answers in.' },
  REQUEST_TIMEOUT: { status: 408, description: 'The request took too long to arrive (REQUEST_TIMEOUT_MS).' },
  PAYLOAD_TOO_LARGE: { status: 413, description: 'The request body is larger than allowed.' },
  RATE_LIMITED: { status: 429, description: 'Too many requests from this client in the last minute (RATE_LIMIT).' },
  HEADERS_TOO_LARGE: { status: 431, description: 'The request line and headers are larger than 16 kB.' },
  DATA_UNAVAILABLE: { status: 503, description: 'The tables a route needs are not in the catalog yet (run primac ingest).' },
  ENGINE_UNAVAILABLE: { status: 503, description: 'The query engine cannot answer right now.' },
  INTERNAL: { status: 500, description: 'An unexpected failure; the request id in the body finds it in the logs.' },
} as const;

export type ApiErrorCode = keyof typeof API_ERRORS;

export class ApiError extends Error {
  readonly status: number;

  constructor(readonly code: ApiErrorCode, message: string, readonly details: { parameter?: string; value?: unknown; allowed?: string } = {}) {
    super(message);
    this.status = API_ERRORS[code].status;
  }
}

export function errorBody(code: ApiErrorCode, message: string, requestId: string, details: ApiError['details'] = {}) {
  return { error: { code, status: API_ERRORS[code].status, message, ...details, request_id: requestId } };
}

/**
 * An unexpected error as the log records it: its type and message, absolute file paths (a lake file in an engine's
 * message, say) cut to their last part; the whole message and the stack only with PRIMAC_DEBUG=1, as on the
 * command line.
 */
export function loggable(error: unknown, debug = process.env.PRIMAC_DEBUG === '1'): { type: string; message: string; stack?: string } {
  const e = error instanceof Error ? error : new Error(String(error));
  if (debug) return { type: e.name, message: e.message, stack: e.stack };
  return { type: e.name, message: e.message.replace(/(?<![\w:/.])\/(?:[^\s'"/]+\/)+([^\s'"/]*)/g, '…/$1') };
}
