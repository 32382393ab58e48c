/**
 * Each dialect's rendering, run on its real engine, against values worked out in JavaScript: the places where the
 * engines differ by default (trim, day of week, epochs, timestamps to dates) must agree once rendered.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDuckdbEngine } from '../../src/engines/duckdb/duckdb-engine.ts';
import type { QueryEngine } from '../../src/engines/query-engine.ts';
import { createTrinoEngine } from '../../src/engines/trino/trino-engine.ts';
import { openLake } from '../../src/lake/registry.ts';
import { testConfig } from '../helpers/lake.ts';
import { config, missingServers } from '../helpers/servers.ts';

const skip = await missingServers(['trino']);
const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

const TEXTS = ['\t a@b.c \n', '\u00a0x\u3000', '\ufeffy\u200b', '😀 ', '', '   ', 'a b', '\r\nÑandú\u2028', '\u0085z'];
const INSTANTS = ['2024-02-29 23:59:59.999999', '2024-03-03 00:00:00.000000', '1970-01-01 00:00:00.001000', '2026-11-29 12:34:56.789123'];

describe('dialects render the same meaning on their engines', { skip: skip ?? false }, () => {
  const engines: QueryEngine[] = [];
  let cleanup = () => {};
  before(async () => {
    const env = await testConfig('local', 'local', 'dialects');
    cleanup = env.cleanup;
    engines.push(await createDuckdbEngine(await openLake(env.config)));
    engines.push(await createTrinoEngine({ url: config.trinoUrl, catalog: 'hive', schema: 'default', tables: 'register' }));
  });
  after(async () => {
    for (const engine of engines) await engine.close();
    cleanup();
  });

  test('trim removes what JavaScript trim() removes, and nothing else', async () => {
    for (const engine of engines) {
      const values = TEXTS.map((t, i) => `(${i}, ${quote(t)})`).join(', ');
      const rows = await engine.query(`SELECT i, ${engine.dialect.trim('v')} AS t FROM (VALUES ${values}) AS x(i, v) ORDER BY i`);
      assert.deepEqual(rows.map((r) => r.t), TEXTS.map((t) => t.trim()), engine.kind);
    }
  });

  test('ISO day of week, UTC date and epoch milliseconds of timestamps', async () => {
    for (const engine of engines) {
      const d = engine.dialect;
      for (const instant of INSTANTS) {
        const ts = `TIMESTAMP '${instant}'`;
        const [row] = await engine.query(`SELECT ${d.isoDayOfWeek(d.utcDate(ts))} AS dow, ${d.utcDate(ts)} AS day, ${d.epochMillis(ts)} AS ms`);
        const date = new Date(`${instant.replace(' ', 'T').slice(0, 23)}Z`);
        assert.deepEqual(row, { dow: ((date.getUTCDay() + 6) % 7) + 1, day: instant.slice(0, 10), ms: date.getTime() }, `${engine.kind} ${instant}`);
      }
    }
  });

  test('text of numbers and code-point order', async () => {
    for (const engine of engines) {
      const rows = await engine.query(`SELECT ${engine.dialect.text('v')} AS t FROM (VALUES ('b'), ('B'), ('Ñ'), ('a'), ('😀'), ('z')) AS x(v) ORDER BY 1`);
      assert.deepEqual(rows.map((r) => r.t), ['B', 'a', 'b', 'z', 'Ñ', '😀'], engine.kind);
    }
  });
});
