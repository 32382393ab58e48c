/** The PartSink a source writes one table's rows into: numbered Parquet parts in a staging folder. */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnSchema } from '../core/table-model.ts';
import { quoteString } from '../lake/parquet/duckdb-types.ts';
import { PARQUET_OPTIONS, type LakeWriter } from '../lake/parquet/lake-writer.ts';
import type { PartSink } from '../sources/source.ts';

/** About 1M rows per part when DuckDB splits a scanner's output. */
const ROW_GROUPS_PER_PART = 8;

export interface StagedSink extends PartSink {
  /** The Parquet parts written so far, in order. */
  parts(): string[];
}

export function stagingSink(writer: LakeWriter, duckdb: DuckDBConnection, folder: string, columns: readonly ColumnSchema[], cache: string): StagedSink {
  mkdirSync(folder, { recursive: true });
  let next = 0;
  const parts = () => readdirSync(folder).filter((f) => /^part-\d+\.parquet$/.test(f))
    .sort((a, b) => Number(a.slice(5, -8)) - Number(b.slice(5, -8))).map((f) => join(folder, f));
  return {
    duckdb,
    cache,
    parts,
    async fromCsv(csv: Readable) {
      const rows = await writer.csvToParquet(duckdb, csv, columns, join(folder, `part-${next}.parquet`));
      next++;
      return rows;
    },
    async fromQuery(sql: string) {
      const result = await duckdb.runAndReadAll(`COPY (${sql}) TO ${quoteString(folder)} (${PARQUET_OPTIONS}, ROW_GROUPS_PER_FILE ${ROW_GROUPS_PER_PART}, FILENAME_PATTERN 'part-{i}', OVERWRITE_OR_IGNORE true)`);
      next = parts().length;
      return Number(result.getRows()[0]?.[0] ?? 0);
    },
  };
}
