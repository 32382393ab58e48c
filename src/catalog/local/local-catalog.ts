/**
 * The default catalog: one JSON file in the lake (_catalog/catalog.json), replaced atomically on every commit.
 * Commits within a process are serialized; across processes, ingestion runs hold the lake's run lock.
 */
import { PrimacError } from '../../core/errors.ts';
import type { LakeStorage } from '../../lake/lake-storage.ts';
import { CATALOG_KEY } from '../../lake/layout.ts';
import type { Catalog, CatalogTable } from '../catalog.ts';

interface CatalogFile {
  readonly format: 'primac-catalog';
  readonly version: 1;
  readonly updatedAt: string;
  readonly tables: Record<string, CatalogTable>;
}

export function createLocalCatalog(lake: LakeStorage): Catalog {
  let queue: Promise<unknown> = Promise.resolve();

  const read = async (): Promise<CatalogFile> => {
    const bytes = await lake.get(CATALOG_KEY);
    if (!bytes) return { format: 'primac-catalog', version: 1, updatedAt: new Date(0).toISOString(), tables: {} };
    try {
      const parsed = JSON.parse(bytes.toString('utf8')) as CatalogFile;
      if (parsed.format !== 'primac-catalog') throw new Error('not a catalog file');
      return parsed;
    } catch (error) {
      throw new PrimacError('CATALOG_FAILED', `The local catalog (${CATALOG_KEY} in the lake) is unreadable: ${(error as Error).message}. Restore it or re-run the ingestion into an empty lake.`);
    }
  };

  return {
    kind: 'local',
    capabilities: { hive: false },
    list: async () => Object.values((await read()).tables).sort((a, b) => a.name.localeCompare(b.name)),
    get: async (name) => (await read()).tables[name] ?? null,
    commit(table) {
      const next = queue.then(async () => {
        const current = await read();
        const file: CatalogFile = { ...current, updatedAt: new Date().toISOString(), tables: { ...current.tables, [table.name]: table } };
        await lake.putBytes(CATALOG_KEY, Buffer.from(`${JSON.stringify(file, null, 2)}\n`));
      });
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
