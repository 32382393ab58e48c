/** /dashboard: a static page with charts of every route, ECharts from npm (no CDN, works offline). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';

const require = createRequire(import.meta.url);
const asset = (name: string) => readFileSync(new URL(`../dashboard/${name}`, import.meta.url));

export async function registerDashboard(app: FastifyInstance): Promise<void> {
  const files: Record<string, [Buffer, string]> = {
    'dashboard.js': [asset('dashboard.js'), 'application/javascript; charset=utf-8'],
    'dashboard.css': [asset('dashboard.css'), 'text/css; charset=utf-8'],
    'echarts.min.js': [readFileSync(require.resolve('echarts/dist/echarts.min.js')), 'application/javascript; charset=utf-8'],
  };
  const page = asset('index.html');
  app.get('/dashboard', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(page));
  app.get('/dashboard/:file', { schema: { hide: true } }, async (request, reply) => {
    const entry = files[(request.params as { file: string }).file];
    if (!entry) return reply.callNotFound();
    return reply.type(entry[1]).header('cache-control', 'public, max-age=3600').send(entry[0]);
  });
}
