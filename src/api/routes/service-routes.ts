/** GET /, /health, /datasets, /ingestion/runs, /quality/references. */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { referenceReport } from '../../analytics/references.ts';
import type { Config } from '../../config/config.ts';
import type { QueryEngine } from '../../engines/query-engine.ts';
import { listRunRecords } from '../../ingest/record.ts';
import type { LakeStorage } from '../../lake/lake-storage.ts';
import type { DataState } from '../data-state.ts';
import { integerParameter, onlyParameters, type Query } from '../params.ts';
import { ApiError } from '../errors.ts';
import { negotiate } from '../negotiation.ts';
import { errorResponses } from '../schemas/common.ts';
import { DatasetsResponse, HealthResponse, ReferencesResponse, RootResponse, RunsResponse } from '../schemas/service.ts';
import { ANALYTICS_ROUTES } from './analytics-routes.ts';

export const EXPECTED_TABLES: Record<'mysql' | 'postgresql' | 'cassandra', readonly string[]> = {
  mysql: ['users', 'clients', 'agents', 'beneficiaries'],
  postgresql: ['product', 'policy', 'policy_coverage', 'beneficiary'],
  cassandra: ['reclamos', 'pagos', 'transaction_audit'],
};

export interface ServiceDeps { readonly config: Config; readonly engine: QueryEngine; readonly state: DataState; readonly lake: LakeStorage; readonly version: string }

/** A remote engine (Athena bills per query) is asked again only this long after its last good answer. */
const REMOTE_HEALTH_REUSE_MS = 30_000;

export async function serviceRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  // Parameters are checked by hand (params.ts); answers are sent as built (the schemas document them, and a test
  // holds the answers to them).
  const handChecked = { validatorCompiler: () => () => true, serializerCompiler: () => (data: unknown) => JSON.stringify(data), onRequest: negotiate(() => 'application/json') };
  let engineAnsweredAt = 0;
  /** The reference report of the current snapshots, computed once per set of snapshot ids. */
  let references: { key: string; report: Promise<Awaited<ReturnType<typeof referenceReport>>> } | null = null;

  app.get('/', { schema: { tags: ['service'], summary: 'What this service is and where its data comes from', response: { 200: RootResponse, ...errorResponses() } }, ...handChecked }, async (request) => {
    onlyParameters(request.query as Query, []);
    const families: Record<string, number> = {};
    for (const r of ANALYTICS_ROUTES) families[r.family] = (families[r.family] ?? 0) + 1;
    return {
      service: 'Primac Analytics', version: deps.version, status: deps.state.lastError() ? 'degraded' : 'ok',
      data_source: { lake: deps.config.lakeUri.startsWith('s3://') ? 's3' : 'local', catalog: deps.config.catalog, engine: deps.engine.kind },
      source_databases: Object.keys(EXPECTED_TABLES).filter((s) => deps.state.tables().some((t) => t.source === s)),
      routes: families,
      docs: { swagger_ui: '/docs', redoc: '/redoc', openapi: '/openapi.json', dashboard: '/dashboard' },
    };
  });

  app.get('/health', {
    schema: {
      tags: ['service'], summary: 'Health for load balancers: 200 when this instance can answer queries, 503 otherwise',
      response: { 200: HealthResponse, 503: { ...HealthResponse, description: 'status unavailable: the engine or the catalog fails.' }, ...errorResponses({ open: true, parameters: false }) },
    },
    ...handChecked,
  }, async (_request, reply) => {
    // Probes may add a cache-buster (?_=…): /health takes any parameter and ignores it.
    let answering = true;
    if (deps.engine.capabilities.embedded || Date.now() - engineAnsweredAt > REMOTE_HEALTH_REUSE_MS) {
      try {
        await deps.engine.query('SELECT 1 AS ok');
        engineAnsweredAt = Date.now();
      } catch {
        answering = false;
        engineAnsweredAt = 0;
      }
    }
    const tables = deps.state.tables();
    const availability: Record<string, Record<string, boolean>> = {};
    for (const [source, names] of Object.entries(EXPECTED_TABLES)) {
      availability[source] = Object.fromEntries(names.map((n) => [n, tables.some((t) => t.source === source && t.table === n)]));
    }
    for (const t of tables) (availability[t.source] ??= {})[t.table] = true;
    const databases: Record<string, { objects: number; size_bytes: number; tables: number }> = { mysql: { objects: 0, size_bytes: 0, tables: 0 }, postgresql: { objects: 0, size_bytes: 0, tables: 0 }, cassandra: { objects: 0, size_bytes: 0, tables: 0 } };
    for (const t of tables) {
      const d = (databases[t.source] ??= { objects: 0, size_bytes: 0, tables: 0 });
      d.objects += t.snapshot.files.length;
      d.size_bytes += t.snapshot.bytes;
      d.tables += 1;
    }
    const totalObjects = Object.values(databases).reduce((n, d) => n + d.objects, 0);
    const totalBytes = Object.values(databases).reduce((n, d) => n + d.size_bytes, 0);
    const complete = Object.values(availability).every((s) => Object.values(s).every(Boolean));
    const status = !answering || deps.state.lastError() ? 'unavailable' : complete ? 'ok' : 'degraded';
    reply.code(status === 'unavailable' ? 503 : 200);
    return {
      status, timestamp: new Date().toISOString(), engine: deps.engine.kind, data_availability: availability,
      bucket_summary: { total_objects: totalObjects, total_size_bytes: totalBytes, total_size_mb: Math.round((totalBytes / 1048576) * 100) / 100, databases },
    };
  });

  app.get('/datasets', { schema: { tags: ['data'], summary: 'The catalogued tables: columns, rows, snapshot and freshness', response: { 200: DatasetsResponse, ...errorResponses() } }, ...handChecked }, async (request) => {
    onlyParameters(request.query as Query, []);
    const now = Date.now();
    return {
      datasets: deps.state.tables().map((t) => ({
        name: t.name, source: t.source, table: t.table, rows: t.snapshot.rows, bytes: t.snapshot.bytes, files: t.snapshot.files.length, formats: t.snapshot.formats,
        snapshot: { id: t.snapshot.id, committed_at: t.snapshot.committedAt, age_seconds: Math.max(0, Math.round((now - Date.parse(t.snapshot.committedAt)) / 1000)) },
        previous_snapshots: t.previous, columns: t.columns.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable, source_type: c.nativeType })),
      })),
    };
  });

  app.get('/ingestion/runs', { schema: { tags: ['data'], summary: 'The latest ingestion runs, newest first', querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Runs to list (1–100).' })) }), response: { 200: RunsResponse, ...errorResponses() } }, ...handChecked }, async (request) => {
    const query = request.query as Query;
    onlyParameters(query, ['limit']);
    const limit = integerParameter(query, 'limit', 20, 1, 100);
    return { runs: await listRunRecords(deps.lake, limit) };
  });

  app.get('/quality/references', { schema: { tags: ['data'], summary: 'Each cross-database reference of SOURCES.md: total, matched, unmatched and a few unmatched examples', response: { 200: ReferencesResponse, ...errorResponses({ unavailable: 'ENGINE_UNAVAILABLE: the engine could not check the references right now.' }) } }, ...handChecked }, async (request) => {
    onlyParameters(request.query as Query, []);
    const snapshots = deps.state.snapshots();
    const key = [...snapshots.values()].map((t) => `${t.name}@${t.id}`).sort().join(',');
    if (references?.key !== key) {
      const report = referenceReport({ engine: deps.engine, asOf: new Date().toISOString().slice(0, 10), snapshots });
      references = { key, report };
      report.catch(() => { if (references?.report === report) references = null; });
    }
    try {
      return { references: await references.report };
    } catch (error) {
      throw Object.assign(new ApiError('ENGINE_UNAVAILABLE', 'The query engine could not check the references right now; retry shortly.'), { cause: error });
    }
  });
}
