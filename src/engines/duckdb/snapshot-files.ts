/**
 * Local files of a snapshot for DuckDB: a local lake's own files, or — for an S3 lake — a local cache kept in step
 * by snapshot id (DuckDB's httpfs cannot be installed everywhere; a snapshot never changes once committed, so a
 * copy keyed by its id is always right). Old snapshots' copies are dropped when a table moves on.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogTable } from '../../catalog/catalog.ts';
import type { LakeStorage } from '../../lake/lake-storage.ts';

export async function snapshotFiles(lake: LakeStorage, table: CatalogTable, cacheFolder: string): Promise<string[]> {
  const parquet = table.snapshot.files.filter((f) => f.format === 'parquet');
  if (lake.capabilities.localFiles) return parquet.map((f) => lake.localPath(f.key));
  const tableFolder = join(cacheFolder, table.name);
  const folder = join(tableFolder, table.snapshot.id);
  if (!existsSync(join(folder, '.complete'))) {
    const partial = `${folder}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    for (const file of parquet) {
      const bytes = await lake.get(file.key);
      if (!bytes) throw new Error(`missing ${file.key}`);
      writeFileSync(join(partial, file.key.split('/').pop()!), bytes);
    }
    writeFileSync(join(partial, '.complete'), '');
    rmSync(folder, { recursive: true, force: true });
    renameSync(partial, folder);
  }
  for (const old of readdirSync(tableFolder)) if (old !== table.snapshot.id && !old.includes('.partial-')) rmSync(join(tableFolder, old), { recursive: true, force: true });
  return parquet.map((f) => join(folder, f.key.split('/').pop()!));
}
