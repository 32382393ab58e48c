/** Every row of a source table read straight from the source, as the same canonical text as readLakeRows. */
import type { CatalogTable } from '../../src/catalog/catalog.ts';
import { parseTypeLabel } from '../../src/core/table-model.ts';
import { withCassandra, withMysql, withPostgres } from './databases.ts';
import { normalize } from './lake.ts';

function postgresSql(name: string, label: string): string {
  const id = `"${name}"`;
  switch (parseTypeLabel(label).kind) {
    case 'timestamp': case 'timestamptz': return `CASE WHEN isfinite(${id}) THEN (trunc(extract(epoch FROM ${id}) * 1000000))::bigint::text ELSE ${id}::text END`;
    case 'date': return `CASE WHEN ${id} < '0001-01-01' AND isfinite(${id}) THEN to_char(${id}, 'YYYY-MM-DD') || ' (BC)' WHEN isfinite(${id}) THEN to_char(${id}, 'YYYY-MM-DD') ELSE ${id}::text END`;
    case 'binary': return `encode(${id}, 'hex')`;
    case 'boolean': return `CASE WHEN ${id} THEN 'true' WHEN NOT ${id} THEN 'false' END`;
    default: return `${id}::text`;
  }
}

function mysqlSql(name: string, label: string): string {
  const id = `\`${name}\``;
  // Zero dates and zero-in-date values are not dates: NULL in the lake (documented).
  const real = (sql: string) => `IF(MONTH(${id}) = 0 OR DAYOFMONTH(${id}) = 0, NULL, ${sql})`;
  switch (parseTypeLabel(label).kind) {
    case 'timestamp': case 'timestamptz': return real(`CAST(TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', ${id}) AS CHAR)`);
    case 'date': return real(`DATE_FORMAT(${id}, '%Y-%m-%d')`);
    case 'binary': return `LOWER(HEX(${id}))`;
    case 'boolean': return `IF(${id} IS NULL, NULL, IF(${id} <> 0, 'true', 'false'))`;
    default: return `CAST(${id} AS CHAR)`;
  }
}

function cassandraCanonical(label: string, cql: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const kind = parseTypeLabel(label).kind;
  if (kind === 'timestamptz') return String(BigInt((value as Date).getTime()) * 1000n);
  if (kind === 'binary') return (value as Buffer).toString('hex');
  if (kind === 'boolean') return value ? 'true' : 'false';
  if (cql === 'decimal') {
    const d = value as { _intVal: { toString(): string }; _scale: number; toString(): string };
    return d._scale < 0 ? `${d._intVal.toString()}${'0'.repeat(-d._scale)}` : d.toString();
  }
  if (typeof value === 'object' && (value instanceof Map || value instanceof Set || Array.isArray(value))) return null; // compared separately
  return String(value);
}

export async function readSourceRows(table: CatalogTable): Promise<(string | null)[][]> {
  const cols = table.columns;
  const fix = (rows: unknown[][]) => rows.map((r) => r.map((v, i) => normalize(cols[i]!.type, v === null ? null : String(v))));
  if (table.source === 'postgresql') {
    return withPostgres(async (db) => fix((await db.query({ text: `SELECT ${cols.map((c) => postgresSql(c.name, c.type)).join(', ')} FROM "${table.table}"`, rowMode: 'array' })).rows));
  }
  if (table.source === 'mysql') {
    return withMysql(async (db) => {
      await db.query("SET time_zone = '+00:00'");
      const [rows] = await db.query({ sql: `SELECT ${cols.map((c) => mysqlSql(c.name, c.type)).join(', ')} FROM \`${table.table}\``, rowsAsArray: true });
      return fix(rows as unknown[][]);
    });
  }
  return withCassandra(async (db) => {
    const out: unknown[][] = [];
    let pageState: string | undefined;
    do {
      const page = await db.execute(`SELECT ${cols.map((c) => `"${c.name}"`).join(', ')} FROM "${table.table}"`, [], { fetchSize: 5000, pageState });
      for (const row of page.rows) out.push(cols.map((c) => cassandraCanonical(c.type, c.nativeType, row[c.name])));
      pageState = page.pageState ?? undefined;
    } while (pageState);
    return fix(out);
  });
}
