/**
 * Registers the analytics routes: parameters checked by hand (every rejection names value and rule), 503 when a
 * table is missing, results cached by route + parameters + snapshot ids, CSV sections on request.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { withSignal, type QueryEngine } from '../../engines/query-engine.ts';
import { csvSections, sectionCsv, type CsvSection } from '../csv.ts';
import type { DataState } from '../data-state.ts';
import { ApiError } from '../errors.ts';
import { negotiate } from '../negotiation.ts';
import { asOfParameter, choiceParameter, onlyParameters, single, type Query } from '../params.ts';
import type { ResultCache } from '../result-cache.ts';
import type { ApiMetrics } from '../plugins/metrics.ts';
import { AsOfParameter, errorResponses, FormatParameter, sectionParameter } from '../schemas/common.ts';
import { ANALYTICS_ROUTES, type AnalyticsRoute } from './analytics-routes.ts';

export interface AnalyticsDeps {
  readonly engine: QueryEngine; readonly state: DataState; readonly cache: ResultCache; readonly today?: () => Date; readonly metrics?: ApiMetrics;
  /** Precompute every route's default answer after each new snapshot. */
  readonly warm?: boolean;
}

const COMMON = ['as_of', 'format', 'section'];

/** Each route's CSV sections, from its response schema. */
const SECTIONS = new Map<AnalyticsRoute, readonly CsvSection[]>(ANALYTICS_ROUTES.map((r) => [r, csvSections(r.response)]));

interface Stored { body: string; value: Record<string, unknown> }
/** A computation in progress, the requests waiting for it, and the switch that stops its queries. */
interface Inflight { readonly promise: Promise<Stored>; readonly controller: AbortController; waiters: number }

/** `gone` fires when the requesting client disconnects before its answer (none for the warm-up). */
async function answer(deps: AnalyticsDeps, route: AnalyticsRoute, query: Query, inflight: Map<string, Inflight>, gone?: AbortSignal) {
  onlyParameters(query, [...COMMON, ...Object.keys(route.parameters)]);
  const asOf = asOfParameter(query, deps.today?.());
  const args = route.parse(query);
  const format = choiceParameter(query, 'format', ['json', 'csv'] as const, 'json');
  const section = single(query, 'section');
  if (section !== undefined && format !== 'csv') {
    throw new ApiError('INVALID_PARAMETER', 'section= picks the table of a CSV answer: add format=csv, or leave section out for JSON.', { parameter: 'section', value: section.slice(0, 64), allowed: 'with format=csv' });
  }
  const snapshots = deps.state.snapshots();
  const missing = route.tables.filter((t) => !snapshots.has(t));
  if (missing.length > 0) {
    throw new ApiError('DATA_UNAVAILABLE', `No data yet for ${route.path}: the catalog has no ${missing.map((m) => m.replace('_', '.')).join(', ')}. Run \`primac ingest\` (or \`npm run demo\`).`);
  }
  const key = `${route.path}|${asOf}|${JSON.stringify(args)}|${route.tables.map((t) => snapshots.get(t)!.id).join(',')}`;
  let cached = true;
  let entry = deps.cache.get(key);
  if (!entry) {
    cached = false;
    let pending = inflight.get(key);
    if (!pending) {
      // One computation per key, shared by every request that asks meanwhile; stopped when the last of them leaves.
      const controller = new AbortController();
      const engine = withSignal(deps.engine, controller.signal);
      const promise = (async () => {
        const result = await route.compute({ engine, asOf, snapshots }, args).catch((error: unknown) => {
          // The engine failed (e.g. a snapshot's files vanished): a retry shortly will be served from the next snapshot.
          throw Object.assign(new ApiError('ENGINE_UNAVAILABLE', `The query engine could not answer ${route.path} right now; retry shortly.`), { cause: error });
        });
        const value = { ...result, meta: { as_of: asOf, engine: deps.engine.kind, cached: true, ...result.meta } };
        const stored = { body: JSON.stringify(value), value };
        deps.cache.set(key, stored);
        return stored;
      })().finally(() => inflight.delete(key));
      pending = { promise, controller, waiters: 0 };
      inflight.set(key, pending);
    }
    const shared = pending;
    shared.waiters += 1;
    const leave = () => {
      shared.waiters -= 1;
      if (shared.waiters === 0) shared.controller.abort(new ApiError('ENGINE_UNAVAILABLE', 'Every client waiting for this answer went away.'));
    };
    gone?.addEventListener('abort', leave, { once: true });
    try {
      entry = await shared.promise;
    } finally {
      if (!gone?.aborted) {
        gone?.removeEventListener('abort', leave);
        shared.waiters -= 1;
      }
    }
  }
  deps.metrics?.cacheHits.inc({ route: route.path, result: cached ? 'hit' : 'miss' });
  const value = entry.value as Record<string, unknown> & { meta: Record<string, unknown> };
  if (format === 'csv') return { csv: sectionCsv(value, section, SECTIONS.get(route)!) };
  // A hit is served from the stored text; a fresh answer says cached: false.
  return { json: cached ? entry.body : JSON.stringify({ ...value, meta: { ...value.meta, cached: false } }) };
}

/**
 * After a new snapshot, computes today's default answer of every route in the background, one at a time, so that
 * the first visitor (the dashboard) is served from the cache. Failures are left for the real request to report.
 */
function warmUp(deps: AnalyticsDeps, inflight: Parameters<typeof answer>[3]): void {
  let running = false;
  let again = false;
  const run = async () => {
    if (running) { again = true; return; }
    running = true;
    do {
      again = false;
      for (const route of ANALYTICS_ROUTES) {
        // The defaults, and the dashboard's page of the agent ranking.
        for (const query of route.path.endsWith('/agent-performance') ? [{}, { limit: '10' }] : [{}]) await answer(deps, route, query, inflight).catch(() => undefined);
      }
    } while (again);
    running = false;
  };
  deps.state.onChange(() => void run());
  void run();
}

export async function analyticsRoutes(app: FastifyInstance, deps: AnalyticsDeps): Promise<void> {
  const inflight = new Map<string, Inflight>();
  if (deps.warm) warmUp(deps, inflight);
  for (const route of ANALYTICS_ROUTES) {
    app.get(route.path, {
      schema: {
        tags: [route.family], summary: route.summary, description: route.description,
        querystring: Type.Object({ as_of: AsOfParameter, ...route.parameters, format: FormatParameter, section: sectionParameter(SECTIONS.get(route)!.map((s) => s.path)) }),
        response: {
          200: { description: 'The answer (JSON), or with format=csv one section as text/csv.', content: { 'application/json': { schema: route.response }, 'text/csv': { schema: Type.String({ description: 'RFC 4180: a header of the section\'s columns, then one line per row.' }) } } },
          ...errorResponses({ unavailable: 'DATA_UNAVAILABLE: a table the route reads is not catalogued yet (run primac ingest); ENGINE_UNAVAILABLE: the engine cannot answer right now.' }),
        },
      },
      // Parameters are validated by hand (params.ts) so that messages quote the value and the rule.
      validatorCompiler: () => () => true,
      onRequest: negotiate((request) => ((request.query as Query).format === 'csv' ? 'text/csv' : 'application/json')),
    }, async (request, reply) => {
      // The client left before its answer was sent: it no longer waits for the computation.
      const gone = new AbortController();
      reply.raw.once('close', () => { if (!reply.raw.writableFinished) gone.abort(); });
      const out = await answer(deps, route, request.query as Query, inflight, gone.signal);
      if ('csv' in out) return reply.type('text/csv; charset=utf-8').send(out.csv);
      return reply.type('application/json; charset=utf-8').send(out.json);
    });
  }
}
