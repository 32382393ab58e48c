/** Ingestion test helpers: configurations per lake/catalog combination, the moto bucket, reading the lake back. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { DuckDBInstance } from '@duckdb/node-api';
import { openCatalog } from '../../src/catalog/registry.ts';
import type { CatalogTable } from '../../src/catalog/catalog.ts';
import { parseConfig, readEnv, type Config } from '../../src/config/config.ts';
import { parseTypeLabel } from '../../src/core/table-model.ts';
import { openLake } from '../../src/lake/registry.ts';

export const MOTO = 'http://127.0.0.1:5000';
process.env.AWS_ACCESS_KEY_ID ??= 'test';
process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export type LakeKind = 'local' | 's3';
export type CatalogKind = 'local' | 'glue';

export async function ensureBucket(bucket: string): Promise<void> {
  const client = new S3Client({ region: 'us-east-1', endpoint: MOTO, forcePathStyle: true });
  await client.send(new CreateBucketCommand({ Bucket: bucket })).catch((e: { name?: string }) => {
    if (e.name !== 'BucketAlreadyOwnedByYou' && e.name !== 'BucketAlreadyExists') throw e;
  });
}

/** A configuration over the real sources with a fresh lake (and Glue database) of the given kinds. */
export async function testConfig(lake: LakeKind, catalog: CatalogKind, name: string, extra: Record<string, string> = {}): Promise<{ config: Config; cleanup: () => void }> {
  const unique = `${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  let folder: string | null = null;
  const env: Record<string, string | undefined> = { ...readEnv(), ...extra, CATALOG: catalog, GLUE_DATABASE: `primac_test_${unique.replace(/-/g, '_')}` };
  if (lake === 's3') {
    await ensureBucket('primac-test-lake');
    Object.assign(env, { LAKE_URI: `s3://primac-test-lake/${unique}`, S3_ENDPOINT: MOTO });
  } else {
    folder = mkdtempSync(join(tmpdir(), 'primac-lake-'));
    env.LAKE_URI = folder;
  }
  if (catalog === 'glue') env.GLUE_ENDPOINT = MOTO;
  return { config: parseConfig(env), cleanup: () => { if (folder) rmSync(folder, { recursive: true, force: true }); } };
}

export async function catalogTables(config: Config): Promise<CatalogTable[]> {
  return (await openCatalog(config, await openLake(config))).list();
}

/** A value's canonical text for comparisons: decimals without trailing zeros, instants as epoch µs. */
function canonicalSql(name: string, label: string): string {
  const id = `"${name}"`;
  const type = parseTypeLabel(label);
  switch (type.kind) {
    case 'timestamp': case 'timestamptz': return `CASE WHEN isfinite(${id}) THEN CAST(epoch_us(${id}) AS VARCHAR) ELSE CAST(${id} AS VARCHAR) END`;
    case 'date': return `CAST(${id} AS VARCHAR)`;
    case 'binary': return `lower(hex(${id}))`;
    case 'boolean': return `CASE WHEN ${id} THEN 'true' WHEN NOT ${id} THEN 'false' END`;
    default: return `CAST(${id} AS VARCHAR)`;
  }
}

/** Every row of a catalogued table, read from its current snapshot's Parquet files, as canonical text. */
export async function readLakeRows(config: Config, table: CatalogTable): Promise<(string | null)[][]> {
  const lake = await openLake(config);
  const folder = mkdtempSync(join(tmpdir(), 'primac-read-'));
  try {
    const files: string[] = [];
    for (const f of table.snapshot.files.filter((x) => x.format === 'parquet')) {
      const path = join(folder, f.key.split('/').pop()!);
      writeFileSync(path, (await lake.get(f.key))!);
      files.push(path);
    }
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    await c.run("SET TimeZone = 'UTC'");
    const select = table.columns.map((col) => canonicalSql(col.name, col.type)).join(', ');
    const result = await c.runAndReadAll(`SELECT ${select} FROM read_parquet([${files.map((f) => `'${f}'`).join(',')}], hive_partitioning = false)`);
    const rows = result.getRows().map((r) => r.map((v, i) => normalize(table.columns[i]!.type, v === null ? null : String(v))));
    c.closeSync();
    db.closeSync();
    return rows;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Text that two systems print differently for the same value: decimals' trailing zeros, float spellings. */
export function normalize(label: string, text: string | null): string | null {
  if (text === null) return null;
  const type = parseTypeLabel(label);
  if (type.kind === 'decimal' || type.kind === 'decimal_any') return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
  if (type.kind === 'float64' || type.kind === 'float32') {
    const special: Record<string, string> = { inf: 'Infinity', '-inf': '-Infinity', nan: 'NaN', infinity: 'Infinity', '-infinity': '-Infinity' };
    const n = Number(special[text.toLowerCase()] ?? text);
    return type.kind === 'float32' ? String(Math.fround(n)) : String(n);
  }
  return text;
}

export const sortRows = (rows: (string | null)[][]) => rows.map((r) => JSON.stringify(r)).sort();
