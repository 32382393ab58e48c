import type { IngestOptions } from '../../src/ingest/run.ts';

export const ingestDefaults: IngestOptions = { only: ['mysql', 'postgresql', 'cassandra'], tables: [], formats: ['parquet'], keep: 3, parallel: 2, attempts: 1 };
