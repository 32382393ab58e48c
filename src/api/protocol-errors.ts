/**
 * Errors raised before a request reaches a route, in the API's own error format: a URL that does not decode
 * (Fastify's frameworkErrors), and a request the HTTP parser refuses (clientErrorHandler: a bad method or request
 * line, headers or URL too large, a timeout), which has no request id yet: one is made for it.
 */
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from './errors.ts';

export function badUrl(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  void reply.code(400).send(errorBody('INVALID_REQUEST', 'The URL does not decode: a % must be followed by two hexadecimal digits of valid UTF-8.', request.id));
}

/** The parser's verdict as status and message; the body is the API's error format. */
function refusal(code: string | undefined): { status: number; message: string } {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, message: 'The request took too long to arrive.' };
  if (code === 'HPE_HEADER_OVERFLOW') return { status: 431, message: 'The request line and headers are larger than 16 kB: shorten the URL or the headers.' };
  if (code === 'HPE_INVALID_METHOD') return { status: 400, message: 'Unknown HTTP method: every route answers GET and HEAD.' };
  return { status: 400, message: 'The request is not valid HTTP.' };
}

export function clientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, message } = refusal(error.code);
  const body = JSON.stringify({ error: { ...errorBody('INVALID_REQUEST', message, randomUUID()).error, status } });
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy();
}
