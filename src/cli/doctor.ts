/**
 * `primac doctor`: checks each configured source, the lake, the catalog and the engine — one line each, and for a
 * failure what to check (the original README's troubleshooting, automated). Resolves to the failed parts.
 */
import { openCatalog } from '../catalog/registry.ts';
import type { Config } from '../config/config.ts';
import { SOURCE_NAMES } from '../core/table-model.ts';
import { openEngine } from '../engines/registry.ts';
import { openLake } from '../lake/registry.ts';
import { HOST_VARIABLE, openSource } from '../sources/registry.ts';

export interface Check { readonly part: string; readonly ok: boolean; readonly detail: string; readonly hint?: string }

const HINTS: Record<string, string> = {
  mysql: 'check MYSQL_HOST/MYSQL_PORT (is the server up and reachable from here? security groups/firewall), MYSQL_USER/MYSQL_PASSWORD and the user\'s grants on MYSQL_DATABASE',
  postgresql: 'check POSTGRES_HOST/POSTGRES_PORT (server up, pg_hba.conf allows this host), POSTGRES_USER/POSTGRES_PASSWORD and POSTGRES_DB',
  cassandra: 'check CASSANDRA_HOST/CASSANDRA_PORT (native transport 9042 open), CASSANDRA_DC (the data center name) and CASSANDRA_KEYSPACE',
  lake: 'check LAKE_URI (the folder is writable, or the bucket exists), S3_ENDPOINT, AWS_REGION and the credentials (s3:PutObject, s3:GetObject, s3:ListBucket, s3:DeleteObject)',
  catalog: 'check CATALOG; for glue: GLUE_DATABASE, GLUE_ENDPOINT, AWS_REGION and glue:GetDatabase/GetTables/CreateTable/UpdateTable permissions',
  engine: 'check QUERY_ENGINE and its settings (TRINO_URL; for athena: AWS_REGION, ATHENA_WORKGROUP/ATHENA_OUTPUT, ATHENA_ENDPOINT and the athena: actions of deploy/aws/iam-policy.json)',
};

async function timed(part: string, work: () => Promise<string>): Promise<Check> {
  const started = performance.now();
  try {
    const detail = await work();
    return { part, ok: true, detail: `${detail} (${Math.round(performance.now() - started)} ms)` };
  } catch (error) {
    return { part, ok: false, detail: (error as Error).message.split('\n')[0]!, hint: HINTS[part.split(' ')[0]!] };
  }
}

export async function doctor(config: Config): Promise<Check[]> {
  const checks: Check[] = [];
  for (const name of SOURCE_NAMES) {
    const source = await openSource(name, config);
    if (!source) {
      checks.push({ part: name, ok: true, detail: `not configured (${HOST_VARIABLE[name]} is empty): ingest skips it` });
      continue;
    }
    checks.push(await timed(name, async () => {
      try {
        const tables = await source.discover();
        return `${source.location}: connected, ${tables.length} tables readable`;
      } finally {
        await source.close().catch(() => undefined);
      }
    }));
  }
  const lake = await openLake(config);
  checks.push(await timed('lake', async () => {
    const key = `_doctor/probe-${process.pid}-${Date.now()}.txt`;
    const payload = Buffer.from(`primac doctor ${new Date().toISOString()}`);
    await lake.putBytes(key, payload);
    const back = await lake.get(key);
    await lake.delete([key]);
    if (!back || !back.equals(payload)) throw new Error('the probe read back differs from what was written');
    return `${config.lakeUri.startsWith('s3://') ? 's3' : 'local'} lake: wrote, read and deleted a probe`;
  }));
  const catalog = await openCatalog(config, lake);
  let tables: Awaited<ReturnType<typeof catalog.list>> = [];
  checks.push(await timed('catalog', async () => {
    tables = await catalog.list();
    return `${catalog.kind} catalog: ${tables.length} tables${tables.length === 0 ? ' (run primac ingest)' : ''}`;
  }));
  checks.push(await timed('engine', async () => {
    const engine = await openEngine(config, lake);
    try {
      await engine.query('SELECT 1 AS ok');
      const served = await engine.sync(tables);
      return `${engine.kind}: answers, ${served.size} tables readable`;
    } finally {
      await engine.close();
    }
  }));
  return checks;
}
