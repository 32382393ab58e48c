/** Chooses the catalog backend from CATALOG; loads the Glue SDK only when asked for. */
import type { Config } from '../config/config.ts';
import type { LakeStorage } from '../lake/lake-storage.ts';
import type { Catalog } from './catalog.ts';

export async function openCatalog(config: Config, lake: LakeStorage): Promise<Catalog> {
  if (config.catalog === 'glue') {
    const { createGlueCatalog } = await import('./glue/glue-catalog.ts');
    return createGlueCatalog({ database: config.glueDatabase, region: config.awsRegion, endpoint: config.glueEndpoint });
  }
  const { createLocalCatalog } = await import('./local/local-catalog.ts');
  return createLocalCatalog(lake);
}
