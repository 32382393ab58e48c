/**
 * Errors raised before a request reaches a route, in the API's own error format: a URL that does not decode
 * (Fastify's frameworkErrors), and a request the HTTP parser refuses (clientErrorHandler: a bad method or request
 * line, headers or URL too large, a timeout), which has no request id yet: one is made for it.
 */
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { API_ERRORS, errorBody, type ApiErrorCode } from './errors.ts';

/** The 404 answer: no route for this method and path. */
export const routeNotFound = (request: FastifyRequest) => errorBody('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]!.slice(0, 200)}; see /docs for the routes.`, request.id);

export function badUrl(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  // Fastify also sends a path segment too long for any route here: that is a path without a route.
  if (error.code !== 'FST_ERR_BAD_URL') {
    void reply.code(404).send(routeNotFound(request));
    return;
  }
  void reply.code(400).send(errorBody('INVALID_REQUEST', 'The URL does not decode: a % must be followed by two hexadecimal digits of valid UTF-8.', request.id));
}

/** The parser's verdict as status and message; the body is the API's error format. */
function refusal(code: string | undefined): { code: ApiErrorCode; message: string } {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { code: 'REQUEST_TIMEOUT', message: 'The request took too long to arrive.' };
  if (code === 'HPE_HEADER_OVERFLOW') return { code: 'HEADERS_TOO_LARGE', message: 'The request line and headers are larger than 16 kB: shorten the URL or the headers.' };
  if (code === 'HPE_INVALID_METHOD') return { code: 'INVALID_REQUEST', message: 'Unknown HTTP method: every route answers GET and HEAD.' };
  return { code: 'INVALID_REQUEST', message: 'The request is not valid HTTP.' };
}

export function clientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { code, message } = refusal(error.code);
  const body = JSON.stringify(errorBody(code, message, randomUUID()));
  const status = API_ERRORS[code].status;
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy();
}
