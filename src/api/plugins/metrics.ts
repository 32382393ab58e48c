/**
 * /metrics in Prometheus format (prom-client): request latency per route, result-cache hits, snapshot age per
 * table, and the rows and seconds of each table's latest ingestion.
 */
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataState } from '../data-state.ts';
import { listRunRecords } from '../../ingest/record.ts';
import type { LakeStorage } from '../../lake/lake-storage.ts';

export interface ApiMetrics { readonly registry: Registry; readonly cacheHits: Counter<'route' | 'result'> }

export function createMetrics(): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'primac_process_' });
  const cacheHits = new Counter({ name: 'primac_result_cache_total', help: 'Analytics answers by route and cache result (hit or miss).', labelNames: ['route', 'result'] as const, registers: [registry] });
  return { registry, cacheHits };
}

export async function registerMetrics(app: FastifyInstance, metrics: ApiMetrics, state: DataState, lake: LakeStorage): Promise<void> {
  const { registry } = metrics;
  const latency = new Histogram({
    name: 'primac_http_request_duration_seconds', help: 'Request latency by route, method and status.', labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry],
  });
  new Gauge({
    name: 'primac_snapshot_age_seconds', help: 'Age of the snapshot each catalogued table points to.', labelNames: ['table'] as const, registers: [registry],
    collect() {
      this.reset();
      for (const t of state.tables()) this.set({ table: t.name }, Math.max(0, (Date.now() - Date.parse(t.snapshot.committedAt)) / 1000));
    },
  });
  new Gauge({
    name: 'primac_snapshot_rows', help: 'Rows in the current snapshot of each table.', labelNames: ['table'] as const, registers: [registry],
    collect() {
      this.reset();
      for (const t of state.tables()) this.set({ table: t.name }, t.snapshot.rows);
    },
  });
  const ingestRows = new Gauge({ name: 'primac_ingest_rows', help: 'Rows of each table in its latest ingestion run.', labelNames: ['table', 'status'] as const, registers: [registry] });
  const ingestSeconds = new Gauge({ name: 'primac_ingest_seconds', help: 'Seconds each table took in its latest ingestion run.', labelNames: ['table', 'status'] as const, registers: [registry] });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unknown';
    if (route === '/metrics') return;
    latency.observe({ route, method: request.method, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { tags: ['service'], summary: 'Prometheus metrics' } }, async (_request, reply) => {
    ingestRows.reset();
    ingestSeconds.reset();
    const [latest] = await listRunRecords(lake, 1).catch(() => []);
    for (const t of latest?.tables ?? []) {
      const labels = { table: `${t.source}_${t.table}`, status: t.status };
      ingestRows.set(labels, t.rows);
      ingestSeconds.set(labels, t.seconds);
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
