/**
 * buildApp: the Fastify service without `listen` (tests use app.inject()). Everything it needs — configuration,
 * lake, catalog, engine — comes in, so that `serve`, the demo and the tests wire it the same way.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Catalog } from '../catalog/catalog.ts';
import type { Config } from '../config/config.ts';
import type { QueryEngine } from '../engines/query-engine.ts';
import type { LakeStorage } from '../lake/lake-storage.ts';
import { createDataState, type DataState } from './data-state.ts';
import { ApiError, errorBody, loggable } from './errors.ts';
import { badUrl, clientError, routeNotFound } from './protocol-errors.ts';
import { registerDashboard } from './plugins/dashboard.ts';
import { registerDocs } from './plugins/docs.ts';
import { createMetrics, registerMetrics } from './plugins/metrics.ts';
import { registerSecurity } from './plugins/security.ts';
import { ResultCache } from './result-cache.ts';
import { analyticsRoutes } from './routes/analytics.ts';
import { serviceRoutes } from './routes/service-routes.ts';

export interface AppOptions {
  readonly config: Config;
  readonly lake: LakeStorage;
  readonly catalog: Catalog;
  readonly engine: QueryEngine;
  readonly version?: string;
  readonly cache?: boolean;
  readonly logger?: boolean | object;
  readonly refreshMs?: number;
  /** Today, for as_of's default (tests pin it). */
  readonly today?: () => Date;
  /** Precompute the routes' default answers after each new snapshot (serve does; tests measure the real work). */
  readonly warm?: boolean;
}

export interface PrimacApp { readonly app: FastifyInstance; readonly state: DataState }

export async function buildApp(options: AppOptions): Promise<PrimacApp> {
  const version = options.version ?? '0.1.0';
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: 64 * 1024,
    requestTimeout: options.config.requestTimeoutMs,
    // Behind the local nginx, the client is the one it forwards for.
    trustProxy: 'loopback',
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
    frameworkErrors: badUrl,
    clientErrorHandler: clientError,
  });
  /** 405 with Allow when the path has a route for GET, 404 otherwise. */
  const noRoute = (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0]!;
    if (app.hasRoute({ method: 'GET', url: path })) {
      return reply.code(405).header('allow', 'GET, HEAD').send(errorBody('METHOD_NOT_ALLOWED', `${request.method} is not allowed on ${path.slice(0, 200)}: it answers GET and HEAD.`, request.id));
    }
    return reply.code(404).send(routeNotFound(request));
  };
  const state = createDataState(options.catalog, options.engine, options.refreshMs ?? 500);
  await state.refresh();
  app.addHook('onClose', async () => state.stop());

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ApiError) {
      if (error.status >= 500) request.log.error({ err: loggable(error.cause ?? error) }, error.message);
      return reply.code(error.status).send(errorBody(error.code, error.message, request.id, error.details));
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 429) {
      // The rate limiter's body is ours (errorResponseBuilder) plus the statusCode it needs: answered without it.
      const { statusCode: _status, ...body } = error as unknown as Record<string, unknown>;
      return reply.code(429).send(body);
    }
    // A body sent to a path or method without a route: say that, whatever the body.
    if (request.is404) return noRoute(request, reply);
    if (status === 413) return reply.code(413).send(errorBody('PAYLOAD_TOO_LARGE', 'The request body is larger than 64 kB.', request.id));
    if (status !== undefined && status >= 400 && status < 500) {
      // Fastify's own 4xx messages describe the request (e.g. an unsupported content type), never the server.
      const detail = /^FST_/.test((error as { code?: string }).code ?? '') ? `: ${(error as Error).message.replace(/\.$/, '')}` : '';
      return reply.code(400).send(errorBody('INVALID_REQUEST', `The request is malformed${detail}.`, request.id));
    }
    request.log.error({ err: loggable(error) }, 'request failed');
    return reply.code(500).send(errorBody('INTERNAL', 'An unexpected error occurred; the request id finds it in the logs.', request.id));
  });
  const metrics = createMetrics();
  await registerSecurity(app, options.config);
  // After the rate limiter, so that unknown paths count against it too.
  app.setNotFoundHandler({ preHandler: options.config.rateLimit > 0 ? app.rateLimit() : undefined }, noRoute);
  await registerMetrics(app, metrics, state, options.lake);
  await registerDocs(app, version);
  await registerDashboard(app);
  await app.register(async (scope) => serviceRoutes(scope, { config: options.config, engine: options.engine, state, lake: options.lake, version }));
  await app.register(async (scope) => analyticsRoutes(scope, { engine: options.engine, state, cache: new ResultCache(500, options.cache ?? true), today: options.today, metrics, warm: (options.warm ?? false) && (options.cache ?? true) }));
  return { app, state };
}
