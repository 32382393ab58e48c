/** ?format=csv: one tabular section of a route's answer (an array of flat objects) as RFC 4180 text. */
import type { TSchema } from 'typebox';
import { ApiError } from './errors.ts';
import { quoted } from './params.ts';

/** A tabular section of a route's response: its dotted path and its columns, in the documented order. */
export interface CsvSection { readonly path: string; readonly columns: readonly string[] }

interface JsonSchema { type?: string; properties?: Record<string, JsonSchema>; items?: JsonSchema }

/**
 * The sections of a response schema that are arrays of objects (users_by_state, client_demographics.by_age_band, …),
 * outside `meta`; arrays inside an array's rows are cells, not sections.
 */
export function csvSections(schema: TSchema, prefix = ''): CsvSection[] {
  const properties = (schema as JsonSchema).properties ?? {};
  const out: CsvSection[] = [];
  for (const [key, child] of Object.entries(properties)) {
    if (!prefix && key === 'meta') continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (child.type === 'array' && child.items?.type === 'object') out.push({ path, columns: Object.keys(child.items.properties ?? {}) });
    else if (child.type === 'object') out.push(...csvSections(child as TSchema, path));
  }
  return out;
}

const cell = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  const text = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The section's rows under a header of its documented columns (so an empty section still has its header). */
export function sectionCsv(result: Record<string, unknown>, section: string | undefined, sections: readonly CsvSection[]): string {
  const found = sections.find((s) => s.path === section);
  if (!found) {
    const allowed = sections.map((s) => s.path).join(', ');
    const got = section === undefined ? '' : `; got ${quoted(section)}`;
    throw new ApiError('INVALID_PARAMETER', `format=csv needs section= one of ${allowed}${got}.`, { parameter: 'section', value: section?.slice(0, 64) ?? null, allowed });
  }
  const rows = (found.path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], result) ?? []) as Record<string, unknown>[];
  const extra = rows.length > 0 ? Object.keys(rows[0]!).filter((k) => !found.columns.includes(k)) : [];
  const header = [...found.columns, ...extra];
  return [header.join(','), ...rows.map((r) => header.map((h) => cell(r[h])).join(','))].join('\r\n') + '\r\n';
}
