/**
 * For sources whose rows pass through JavaScript (MySQL, Cassandra): RFC 4180 encoding of already-exact text
 * values, and a row stream cut into parts of at most N rows, each fed to the sink as one CSV stream.
 */
import { Readable } from 'node:stream';
import type { PartSink } from './source.ts';

/** NULL = an empty unquoted field; any text (even '') is quoted when it must be, "" when empty. */
export function csvField(value: string | null): string {
  if (value === null) return '';
  if (value === '') return '""';
  return /[",\r\n]/.test(value) || value.trim() !== value ? `"${value.replace(/"/g, '""')}"` : value;
}

export const csvLine = (fields: readonly (string | null)[]): string => `${fields.map(csvField).join(',')}\n`;

const CHUNK_CHARS = 256 * 1024;

/** Writes every line of `lines` into parts of at most `rowsPerPart` rows; resolves to the rows written. */
export async function writeParts(sink: PartSink, lines: AsyncIterable<string>, rowsPerPart: number): Promise<number> {
  const iterator = lines[Symbol.asyncIterator]();
  let pending = await iterator.next();
  let total = 0;
  while (!pending.done) {
    const part = Readable.from((async function* () {
      let rows = 0;
      let chunk = '';
      while (!pending.done && rows < rowsPerPart) {
        chunk += pending.value;
        rows++;
        if (chunk.length >= CHUNK_CHARS) {
          yield chunk;
          chunk = '';
        }
        pending = await iterator.next();
      }
      if (chunk) yield chunk;
    })(), { objectMode: false });
    total += await sink.fromCsv(part);
  }
  return total;
}
