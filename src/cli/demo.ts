/**
 * `npm run demo`: with nothing but Node — no database, no Docker — generate a consistent synthetic dataset straight
 * into a local lake through the ingestion pipeline, then serve it. PORT/HOST are honoured; DEMO_SCALE sizes it.
 */
import { resolve } from 'node:path';
import { parseConfig, readEnv } from '../config/config.ts';
import { startServer } from '../api/server.ts';
import { writeSyntheticLake } from '../seed/synthetic-lake.ts';
import { projectRoot } from '../services/paths.ts';

export async function demo(): Promise<void> {
  const env = readEnv();
  const lake = env.DEMO_LAKE || resolve(projectRoot, 'data/demo-lake');
  // The synthetic sources have the seed's schemas: the default SENSITIVE_COLUMNS applies to them, not a deployment's.
  const config = parseConfig({ ...env, LAKE_URI: lake, CATALOG: 'local', QUERY_ENGINE: 'duckdb', SENSITIVE_COLUMNS: '' });
  const scale = Number(env.DEMO_SCALE ?? '1');
  const started = performance.now();
  process.stderr.write(`Generating the demo dataset (scale ${scale}, ≈ ${Math.round(192 * scale)}k rows) into ${lake} …\n`);
  const record = await writeSyntheticLake(config, { scale });
  const rows = record.tables.reduce((n, t) => n + t.rows, 0);
  process.stderr.write(`${rows} rows in ${record.tables.length} tables, ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
  // Only what needs attention (an unexpected failure's request id leads here).
  const server = await startServer(config, { port: config.port, host: config.host, logger: { level: 'warn' } });
  const base = server.url.replace('0.0.0.0', '127.0.0.1');
  process.stdout.write(`
Primac Analytics demo is running at ${base}
  Swagger UI  ${base}/docs
  ReDoc       ${base}/redoc
  OpenAPI     ${base}/openapi.json
  Health      ${base}/health
  Users       ${base}/mysql/analytics/users
  Claims      ${base}/cassandra/analytics/claims
  Agents      ${base}/cross/analytics/agent-performance?limit=10
  Datasets    ${base}/datasets
Press Ctrl+C to stop.
`);
  const stop = async () => {
    await server.app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
