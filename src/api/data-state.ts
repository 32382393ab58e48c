/**
 * What this instance serves: the catalog's tables and the engine's snapshots, kept in step by a refresh loop (a
 * newly committed snapshot is served within a second, without a restart). Shared by every route.
 */
import type { Catalog, CatalogTable } from '../catalog/catalog.ts';
import type { QueryEngine, TableSnapshot } from '../engines/query-engine.ts';

export interface DataState {
  readonly tables: () => readonly CatalogTable[];
  readonly snapshots: () => ReadonlyMap<string, TableSnapshot>;
  /** The last refresh error, if the catalog or engine could not be read. */
  readonly lastError: () => string | null;
  refresh(): Promise<void>;
  /** Called after a refresh that changed what is served (a new snapshot, a table added or removed). */
  onChange(listener: () => void): void;
  stop(): void;
}

export function createDataState(catalog: Catalog, engine: QueryEngine, intervalMs = 500): DataState {
  let tables: readonly CatalogTable[] = [];
  let snapshots: ReadonlyMap<string, TableSnapshot> = new Map();
  let lastError: string | null = null;
  let running: Promise<void> | null = null;
  const listeners: (() => void)[] = [];
  const signature = (m: ReadonlyMap<string, TableSnapshot>) => [...m.values()].map((s) => `${s.name}@${s.id}`).sort().join(',');
  const refresh = () => {
    running ??= (async () => {
      try {
        const listed = await catalog.list();
        const before = signature(snapshots);
        snapshots = await engine.sync(listed);
        tables = listed;
        lastError = null;
        if (signature(snapshots) !== before) for (const listener of listeners) listener();
      } catch (error) {
        lastError = (error as Error).message;
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const timer = setInterval(() => void refresh(), intervalMs);
  timer.unref();
  return { tables: () => tables, snapshots: () => snapshots, lastError: () => lastError, refresh, onChange: (l) => void listeners.push(l), stop: () => clearInterval(timer) };
}
