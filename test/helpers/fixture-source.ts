/** A Source of hand-written rows (exact text per value), for pinning the fine print with nasty but valid data. */
import { Readable } from 'node:stream';
import { parseTypeLabel, type SourceName, type TableSchema } from '../../src/core/table-model.ts';
import { csvLine } from '../../src/sources/csv-parts.ts';
import type { Source } from '../../src/sources/source.ts';

export interface FixtureTable { readonly name: string; readonly columns: Record<string, string>; readonly rows: readonly (string | number | boolean | null)[][] }

export function fixtureSource(name: SourceName, tables: readonly FixtureTable[]): Source {
  return {
    name, capabilities: { snapshotReads: true }, location: `fixture ${name}`,
    discover: async (): Promise<TableSchema[]> => tables.map((t) => ({
      source: name, name: t.name, primaryKey: [], columns: Object.entries(t.columns).map(([c, type]) => ({ name: c, type: parseTypeLabel(type), nullable: true, nativeType: type })),
    })),
    async extract(table, columns, sink) {
      const t = tables.find((x) => x.name === table.name)!;
      const names = Object.keys(t.columns);
      const lines = t.rows.map((r) => csvLine(columns.map((c) => { const v = r[names.indexOf(c.name)]; return v === null || v === undefined ? null : String(v); })));
      const rows = await sink.fromCsv(Readable.from([lines.join('')]));
      return { rowsRead: rows, sourceCount: t.rows.length, path: 'fixture' };
    },
    close: async () => {},
  };
}
