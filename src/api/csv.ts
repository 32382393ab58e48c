/** ?format=csv: one tabular section of a route's answer (an array of flat objects) as RFC 4180 text. */
import { ApiError } from './errors.ts';

/** Dotted paths of the sections that are arrays of flat objects, e.g. users_by_state, client_demographics.by_age_band. */
export function tabularSections(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const out: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    if (key === 'meta') continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (Array.isArray(child)) out.push(path);
    else out.push(...tabularSections(child, path));
  }
  return out;
}

const cell = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  const text = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function sectionCsv(result: Record<string, unknown>, section: string | undefined): string {
  const sections = tabularSections(result);
  if (!section || !sections.includes(section)) {
    throw new ApiError('INVALID_PARAMETER', `format=csv needs section= one of ${sections.join(', ')}${section ? `; got ${JSON.stringify(section)}` : ''}.`, { parameter: 'section', value: section ?? null, allowed: sections.join(', ') });
  }
  const rows = section.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], result) as Record<string, unknown>[];
  const header = rows.length > 0 ? Object.keys(rows[0]!) : [];
  return [header.join(','), ...rows.map((r) => header.map((h) => cell(r[h])).join(','))].join('\r\n') + '\r\n';
}
