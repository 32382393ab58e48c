/**
 * Checks of what a run is asked to read against what the sources hold, before any row is read: a --tables name
 * that matches no table, and a SENSITIVE_COLUMNS entry that names no column (a typo there would let the column it
 * meant to keep out be written to the lake).
 */
import { SOURCE_NAMES, type SourceName, type TableSchema } from '../core/table-model.ts';

/** Whether `--tables` entry `name` (table or source.table) selects `table`. */
export const selects = (name: string, table: TableSchema): boolean => name === table.name || name === `${table.source}.${table.name}`;

/**
 * The --tables entries that select no table of the sources read (`discovered`: each source's tables, for the sources
 * whose discovery succeeded), with why; entries naming a source whose discovery failed are not judged.
 */
export function unknownTables(names: readonly string[], only: readonly SourceName[], discovered: ReadonlyMap<SourceName, readonly TableSchema[]>, failed: ReadonlySet<SourceName>, notConfigured: ReadonlySet<SourceName> = new Set()): string[] {
  const problems: string[] = [];
  for (const name of names) {
    const prefix = name.split('.')[0] as SourceName;
    const prefixed = name.includes('.') && SOURCE_NAMES.includes(prefix);
    if (prefixed && !only.includes(prefix)) {
      problems.push(`${JSON.stringify(name)} names ${prefix}, which this run does not read (--only ${only.join(',')})`);
      continue;
    }
    if (prefixed && notConfigured.has(prefix)) {
      problems.push(`${JSON.stringify(name)} names ${prefix}, which is not configured (its host variable is empty)`);
      continue;
    }
    if (prefixed ? failed.has(prefix) : failed.size > 0) continue;
    const tables = [...discovered.values()].flat();
    if (!tables.some((t) => selects(name, t))) {
      const known = tables.map((t) => `${t.source}.${t.name}`).join(', ');
      const skipped = notConfigured.size > 0 ? `; not configured: ${[...notConfigured].join(', ')}` : '';
      problems.push(`${JSON.stringify(name)} matches no table (the tables: ${known || 'none'}${skipped})`);
    }
  }
  return problems;
}

/** SENSITIVE_COLUMNS entries of `source` (lower case source.table.column) that name no column of its tables. */
export function unmatchedSensitive(source: SourceName, tables: readonly TableSchema[], sensitive: readonly string[]): string[] {
  const problems: string[] = [];
  for (const entry of sensitive.map((e) => e.toLowerCase()).filter((e) => e.startsWith(`${source}.`))) {
    const [, tableName, columnName] = entry.split('.');
    const table = tables.find((t) => t.name.toLowerCase() === tableName);
    if (!table) problems.push(`${entry} (${source} has no table ${JSON.stringify(tableName)})`);
    else if (!table.columns.some((c) => c.name.toLowerCase() === columnName)) problems.push(`${entry} (${source}.${table.name} has no column ${JSON.stringify(columnName)})`);
  }
  return problems;
}
