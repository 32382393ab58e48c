/**
 * Hardening: optional API keys (all routes but health, docs, dashboard), rate limiting per client, security
 * headers, configurable CORS. Keys are compared in constant time and never logged.
 */
import { timingSafeEqual } from 'node:crypto';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config/config.ts';
import { errorBody } from '../errors.ts';

const OPEN = [/^\/health$/, /^\/docs(\/|$)/, /^\/redoc(\/|$)/, /^\/openapi\.json$/, /^\/dashboard(\/|$)/];

function presentedKey(headers: Record<string, string | string[] | undefined>): string | null {
  const direct = headers['x-api-key'];
  if (typeof direct === 'string' && direct) return direct;
  const auth = headers.authorization;
  if (typeof auth === 'string' && /^Bearer\s+/i.test(auth)) return auth.replace(/^Bearer\s+/i, '');
  return null;
}

function matches(given: string, keys: readonly Buffer[]): boolean {
  const candidate = Buffer.from(given);
  let ok = false;
  for (const key of keys) if (key.length === candidate.length && timingSafeEqual(key, candidate)) ok = true;
  return ok;
}

export async function registerSecurity(app: FastifyInstance, config: Config): Promise<void> {
  // Swagger UI and ReDoc need inline styles and workers: the page-specific CSP is set on the dashboard only.
  await app.register(helmet, { contentSecurityPolicy: false, crossOriginEmbedderPolicy: false, global: true });
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/dashboard')) reply.header('content-security-policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'");
  });
  if (config.corsOrigins.length > 0) {
    await app.register(cors, { origin: config.corsOrigins.includes('*') ? true : [...config.corsOrigins], methods: ['GET', 'HEAD', 'OPTIONS'] });
  }
  if (config.rateLimit > 0) {
    await app.register(rateLimit, {
      max: config.rateLimit, timeWindow: '1 minute',
      allowList: (request) => OPEN.slice(0, 1).some((r) => r.test(request.url.split('?')[0]!)),
      errorResponseBuilder: (request, context) => ({ statusCode: 429, ...errorBody('RATE_LIMITED', `Too many requests: at most ${context.max} per minute per client; retry in ${Math.ceil(context.ttl / 1000)} s.`, request.id) }),
    });
  }
  if (config.apiKeys.length > 0) {
    const keys = config.apiKeys.map((k) => Buffer.from(k));
    app.addHook('onRequest', async (request, reply) => {
      const path = request.url.split('?')[0]!;
      if (OPEN.some((r) => r.test(path))) return;
      const given = presentedKey(request.headers);
      if (given === null || !matches(given, keys)) {
        return reply.code(401).header('www-authenticate', 'Bearer').send(errorBody('UNAUTHORIZED', 'This route needs an API key: send it as the x-api-key header or as Authorization: Bearer <key>.', request.id));
      }
    });
  }
}
