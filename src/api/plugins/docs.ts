/** OpenAPI 3 generated from the route schemas (/openapi.json), Swagger UI (/docs) and ReDoc (/redoc), offline. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { API_ERRORS } from '../errors.ts';

const require = createRequire(import.meta.url);

export async function registerDocs(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Primac Analytics API',
        version,
        description: `Analytics over Primac's users (MySQL), policies (PostgreSQL) and claims and payments (Cassandra), computed by SQL over the
lake's current snapshots. Money is rounded to 2 decimals half away from zero; windows are calendar-based and end at \`as_of\` (UTC);
\`meta\` tells the snapshots read, the engine, whether the answer was cached and how many cross-database references did not match.

Errors: ${Object.entries(API_ERRORS).map(([code, e]) => `\`${code}\` (${e.status})`).join(', ')}.`,
      },
      tags: [
        { name: 'mysql', description: 'Users service (MySQL)' }, { name: 'postgresql', description: 'Policies service (PostgreSQL)' },
        { name: 'cassandra', description: 'Claims and payments service (Cassandra)' }, { name: 'cross', description: 'Across the three databases' },
        { name: 'data', description: 'The lake: datasets, ingestion runs, reference integrity' }, { name: 'service', description: 'Service and health' },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true, validatorUrl: null } });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  const redoc = readFileSync(require.resolve('redoc/bundles/redoc.standalone.js'));
  app.get('/redoc/redoc.standalone.js', { schema: { hide: true } }, async (_request, reply) => reply.type('application/javascript').header('cache-control', 'public, max-age=86400').send(redoc));
  // The bundle's footer shows a logo from cdn.redoc.ly: images from elsewhere are not loaded (docs work offline).
  app.get('/redoc', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').header('content-security-policy', "img-src 'self' data:").send(`<!doctype html>
<html><head><meta charset="utf-8"><title>Primac Analytics API — ReDoc</title><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><redoc spec-url="/openapi.json"></redoc><script src="/redoc/redoc.standalone.js"></script></body></html>`));
}
