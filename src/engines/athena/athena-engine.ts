/**
 * QUERY_ENGINE=athena: the analytics SQL in the Trino dialect (Athena engine 3 is Trino), run by Athena over the
 * Glue database that ingestion commits to. Each Glue table's Location already is its current snapshot, so sync()
 * only records what is served; nothing is registered.
 */
import { AthenaClient } from '@aws-sdk/client-athena';
import { parquetOnly } from '../hive-tables.ts';
import type { QueryEngine, QueryOptions, Row, TableSnapshot } from '../query-engine.ts';
import { trinoDialect } from '../trino/trino-dialect.ts';
import { trinoValue } from '../trino/trino-values.ts';
import { runAthenaQuery, type AthenaQuerySettings, type AthenaResult } from './athena-client.ts';
import type { AthenaPlace } from './athena-errors.ts';
import { checkWorkgroupOutput } from './athena-workgroup.ts';

export interface AthenaEngineOptions extends AthenaPlace {
  readonly outputLocation: string | null;
  readonly reuseMinutes: number;
  /** Overall limit per query; the query is stopped after it. */
  readonly timeoutMs: number;
  readonly pollInitialMs?: number;
  readonly pollMaxMs?: number;
  /** SDK attempts per call (throttling and 5xx are retried with the SDK's backoff). */
  readonly maxAttempts?: number;
}

export function athenaClient(options: AthenaEngineOptions): AthenaClient {
  return new AthenaClient({ region: options.region, maxAttempts: options.maxAttempts ?? 4, ...(options.endpoint ? { endpoint: options.endpoint } : {}) });
}

/**
 * Athena's result reuse matches on the query text, not on the data: the snapshot ids of the tables a query names
 * ride along in a trailing comment, so that a new snapshot is never answered from an older one's result.
 */
export function withSnapshots(sql: string, served: ReadonlyMap<string, TableSnapshot>): string {
  const used = [...served.values()].filter((t) => new RegExp(`\\b${t.name.replace(/[^\w]/g, '\\$&')}\\b`).test(sql)).sort((a, b) => a.name.localeCompare(b.name));
  return used.length === 0 ? sql : `${sql}\n-- primac snapshots: ${used.map((t) => `${t.name}=${t.id.replace(/[^\w.:-]/g, '_')}`).join(', ')}`;
}

function toRows(result: AthenaResult): Row[] {
  const columns = result.columns.map((c) => ({ name: c.Name ?? c.Label ?? '', type: c.Type ?? 'varchar' }));
  return result.rows.map((data) => {
    const row: Row = {};
    // A Datum without VarCharValue is NULL (an empty string has VarCharValue '').
    columns.forEach((c, i) => { row[c.name] = trinoValue(c.type, data[i]?.VarCharValue ?? null); });
    return row;
  });
}

export async function createAthenaEngine(options: AthenaEngineOptions, client = athenaClient(options)): Promise<QueryEngine> {
  const settings: AthenaQuerySettings = {
    region: options.region, endpoint: options.endpoint, workgroup: options.workgroup, database: options.database,
    outputLocation: options.outputLocation, reuseMinutes: options.reuseMinutes, timeoutMs: options.timeoutMs,
    pollInitialMs: options.pollInitialMs ?? 100, pollMaxMs: options.pollMaxMs ?? 1_000,
  };
  const served = new Map<string, TableSnapshot>();
  let outputChecked: Promise<void> | undefined;
  const ready = () => {
    if (settings.outputLocation) return Promise.resolve();
    outputChecked ??= checkWorkgroupOutput(client, settings).catch((error) => { outputChecked = undefined; throw error; });
    return outputChecked;
  };

  return {
    kind: 'athena',
    dialect: trinoDialect,
    capabilities: { embedded: false },
    async sync(tables) {
      served.clear();
      for (const t of parquetOnly(tables, 'Athena')) served.set(t.name, { name: t.name, id: t.snapshot.id, committedAt: t.snapshot.committedAt, rows: t.snapshot.rows });
      return new Map(served);
    },
    async query(sql: string, queryOptions?: QueryOptions) {
      await ready();
      return toRows(await runAthenaQuery(client, withSnapshots(sql, served), settings, queryOptions?.signal));
    },
    async close() {
      client.destroy();
    },
  };
}
