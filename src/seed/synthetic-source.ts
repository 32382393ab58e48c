/**
 * The seeder's generators as ingestion sources: the demo writes its dataset straight into a lake through the same
 * pipeline (writer, verify, catalog) that real ingestion uses, with no database at all.
 */
import { Readable } from 'node:stream';
import { parseTypeLabel, type ColumnSchema, type SourceName, type TableSchema } from '../core/table-model.ts';
import { csvLine } from '../sources/csv-parts.ts';
import type { Source } from '../sources/source.ts';
import type { Plan, SeedSource } from './plan.ts';
import { tablesOf, type Kind, type SeedTable } from './tables.ts';

const SOURCE_NAME: Record<SeedSource, SourceName> = { mysql: 'mysql', postgres: 'postgresql', cassandra: 'cassandra' };
const iso = (ms: number) => new Date(ms).toISOString();

function text(kind: Kind, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'date': return iso(value as number).slice(0, 10);
    case 'datetime': return iso(value as number).slice(0, 19).replace('T', ' ');
    case 'timestamptz': case 'timestamp': return iso(value as number);
    case 'bool': return value ? 'true' : 'false';
    default: return String(value);
  }
}

function schemaOf(table: SeedTable): TableSchema {
  const columns: ColumnSchema[] = table.columns.map(([name, , lake]) => ({ name, type: parseTypeLabel(lake), nullable: true, nativeType: lake }));
  if (table.serialId) columns.unshift({ name: 'id', type: { kind: table.serialId }, nullable: false, nativeType: table.serialId });
  return { source: SOURCE_NAME[table.source], name: table.name, columns, primaryKey: [table.columns[0]![0]] };
}

export function createSyntheticSource(plan: Plan, source: SeedSource): Source {
  const tables = tablesOf(source);
  return {
    name: SOURCE_NAME[source],
    capabilities: { snapshotReads: true },
    location: `synthetic ${source} (seed ${plan.seed}, scale ${plan.scale})`,
    discover: async () => tables.map(schemaOf),
    async extract(table, columns, sink) {
      const spec = tables.find((t) => t.name === table.name)!;
      const wanted = columns.map((c) => c.name);
      const names = (spec.serialId ? ['id'] : []).concat(spec.columns.map(([n]) => n));
      const kinds: Kind[] = (spec.serialId ? ['int' as Kind] : []).concat(spec.columns.map(([, k]) => k));
      const pick = wanted.map((w) => names.indexOf(w));
      let count = 0;
      const lines = (function* () {
        for (const row of spec.rows(plan, 1, spec.span(plan))) {
          count++;
          const full = spec.serialId ? [count, ...row] : row;
          yield csvLine(pick.map((i) => text(kinds[i]!, full[i])));
        }
      })();
      const rows = await sink.fromCsv(Readable.from(chunked(lines)));
      return { rowsRead: rows, sourceCount: count, path: 'synthetic generator → CSV → DuckDB' };
    },
    close: async () => {},
  };
}

function* chunked(lines: Iterable<string>): Generator<string> {
  let chunk = '';
  for (const line of lines) {
    chunk += line;
    if (chunk.length >= 262_144) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
