/** Chooses the lake storage backend from LAKE_URI; loads the AWS SDK only for an S3 lake. */
import type { Config } from '../config/config.ts';
import type { LakeStorage } from './lake-storage.ts';

export async function openLake(config: Config): Promise<LakeStorage> {
  if (config.lakeUri.startsWith('s3://')) {
    const { createS3Storage } = await import('./s3/s3-storage.ts');
    return createS3Storage({ uri: config.lakeUri, endpoint: config.s3Endpoint, region: config.awsRegion });
  }
  const { createLocalStorage } = await import('./local/local-storage.ts');
  return createLocalStorage(config.lakeUri);
}
