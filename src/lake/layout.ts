/**
 * The lake's layout (CLI.md), owned here and nowhere else:
 *   <source>/<table>/snapshot=<id>/part-<n>.parquet (and .csv)
 *   _catalog/catalog.json          the local catalog
 *   _runs/<run id>.json            one record per ingestion run
 * Snapshot ids sort in commit order: a UTC timestamp to the millisecond plus a counter.
 */
import type { SourceName } from '../core/table-model.ts';

export type FileFormat = 'parquet' | 'csv';

export const CATALOG_KEY = '_catalog/catalog.json';
export const RUNS_PREFIX = '_runs/';

export const tablePrefix = (source: SourceName, table: string): string => `${source}/${table}/`;
export const snapshotPrefix = (source: SourceName, table: string, snapshot: string): string => `${tablePrefix(source, table)}snapshot=${snapshot}/`;
export const partName = (n: number, format: FileFormat): string => `part-${n}.${format}`;
export const runKey = (runId: string): string => `${RUNS_PREFIX}${runId}.json`;

let lastId = '';
let counter = 0;

/** `20261129T183700123Z-000`: sortable, unique within this process, readable. */
export function newSnapshotId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:.]/g, '').replace('T', 'T');
  counter = stamp === lastId ? counter + 1 : 0;
  lastId = stamp;
  return `${stamp}-${String(counter).padStart(3, '0')}`;
}

/** The snapshot id in a key under a table's prefix, or null. */
export function snapshotOf(key: string): string | null {
  const match = /(?:^|\/)snapshot=([^/]+)\//.exec(key);
  return match ? match[1]! : null;
}
