/**
 * The commit stage: point the catalog at the new snapshot in one step, then keep the last N snapshots and delete
 * older ones and the leftovers of failed runs — only after the commit, and never a snapshot newer than ours.
 */
import type { Catalog, CatalogTable } from '../catalog/catalog.ts';
import type { LakeStorage } from '../lake/lake-storage.ts';
import { snapshotOf, tablePrefix } from '../lake/layout.ts';
import { crashPoint } from './crash-points.ts';

export async function commitSnapshot(catalog: Catalog, lake: LakeStorage, entry: Omit<CatalogTable, 'previous'>, keep: number): Promise<CatalogTable> {
  const current = await catalog.get(entry.name);
  const previous = current && current.snapshot.id !== entry.snapshot.id ? [current.snapshot.id, ...current.previous].slice(0, Math.max(keep - 1, 0)) : current?.previous ?? [];
  const table: CatalogTable = { ...entry, previous };
  await catalog.commit(table);
  crashPoint('after-commit');
  await pruneSnapshots(lake, table);
  return table;
}

export async function pruneSnapshots(lake: LakeStorage, table: CatalogTable): Promise<number> {
  const kept = new Set([table.snapshot.id, ...table.previous]);
  const objects = await lake.list(tablePrefix(table.source, table.table));
  const doomed = objects.filter((o) => {
    const id = snapshotOf(o.key);
    return id !== null && !kept.has(id) && id < table.snapshot.id;
  });
  await lake.delete(doomed.map((o) => o.key));
  return doomed.length;
}
