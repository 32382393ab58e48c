/** RFC 4180 encoding of already-exact text values, for sources whose rows pass through JavaScript. */
import { Readable } from 'node:stream';

const QUOTE_NEEDED = /[",\r\n]/;
/** Spaces and control characters at either end: DuckDB keeps them unquoted too, but quoting them is harmless. */
const edge = (code: number) => code <= 32;

/** NULL = an empty unquoted field; any text (even '') is quoted when it must be, "" when empty. */
export function csvField(value: string | null): string {
  if (value === null) return '';
  if (value === '') return '""';
  return QUOTE_NEEDED.test(value) || edge(value.charCodeAt(0)) || edge(value.charCodeAt(value.length - 1)) ? `"${value.replace(/"/g, '""')}"` : value;
}

export const csvLine = (fields: readonly (string | null)[]): string => `${fields.map(csvField).join(',')}\n`;

const CHUNK_CHARS = 256 * 1024;

/** CSV lines gathered into chunks of ~256 kB: one stream write per chunk, not per row. */
export function csvStream(lines: AsyncIterable<string>): Readable {
  return Readable.from((async function* () {
    let chunk = '';
    for await (const line of lines) {
      chunk += line;
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  })(), { objectMode: false });
}
