/**
 * The PartSink a source writes one table's rows into. Every call writes into a fresh sub-folder (DuckDB splits
 * large outputs into several files); the files are then renamed part-0, part-1, … in order.
 */
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnSchema } from '../core/table-model.ts';
import type { CsvDialect, CsvInput, LakeWriter } from '../lake/parquet/lake-writer.ts';
import type { PartSink } from '../sources/source.ts';

export interface StagedSink extends PartSink {
  /** The Parquet parts written so far, in order. */
  parts(): string[];
}

const byIndex = (a: string, b: string) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]);

export function stagingSink(writer: LakeWriter, duckdb: DuckDBConnection, folder: string, columns: readonly ColumnSchema[], cache: string, wideRows = false): StagedSink {
  mkdirSync(folder, { recursive: true });
  const written: string[] = [];
  let calls = 0;
  const collect = async (write: (into: string) => Promise<number>): Promise<number> => {
    const into = join(folder, `.call-${calls++}`);
    try {
      const rows = await write(into);
      const files = readdirSync(into).filter((f) => f.endsWith('.parquet')).sort(byIndex);
      for (const file of files) {
        const part = join(folder, `part-${written.length}.parquet`);
        renameSync(join(into, file), part);
        written.push(part);
      }
      return rows;
    } finally {
      rmSync(into, { recursive: true, force: true });
    }
  };
  return {
    duckdb,
    cache,
    parts: () => [...written],
    fromCsv: (csv: CsvInput, dialect?: CsvDialect, written = columns) => collect((into) => writer.csvToParquet(duckdb, csv, written, into, dialect, wideRows)),
    fromQuery: (sql: string) => collect((into) => writer.queryToParquet(duckdb, sql, into)),
  };
}
