/**
 * The files a private single-node Trino needs: the server tarball from Maven Central (unpacked once per machine with
 * only the hive and tpch plugins) and a configuration whose Hive catalog can read a local lake at any path.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './processes.ts';

export const TRINO_VERSION = '476';
const TOP = `trino-server-${TRINO_VERSION}`;
const PLUGINS = ['hive', 'tpch'];

export const trinoHome = (cache: string): string => join(cache, TOP);

/** Trino 476 needs Java 24+: the first such JDK under /usr/lib/jvm (Temurin 25 here), or null. */
export function trinoJavaHome(jvmRoot = '/usr/lib/jvm'): string | null {
  if (!existsSync(jvmRoot)) return null;
  const candidates = readdirSync(jvmRoot)
    .map((name) => ({ name, version: Number(/(?:^|-)(\d{2})(?:[.-]|$)/.exec(name)?.[1] ?? 0) }))
    .filter((c) => c.version >= 24 && existsSync(join(jvmRoot, c.name, 'bin', 'java')))
    .sort((a, b) => b.version - a.version);
  return candidates[0] ? join(jvmRoot, candidates[0].name) : null;
}

/** Downloads (Maven Central, 821 MB, once) and unpacks the server with only the plugins this project uses. */
export async function installTrino(cache: string, log: (m: string) => void): Promise<string> {
  const home = trinoHome(cache);
  if (existsSync(join(home, '.complete'))) return home;
  const downloads = join(cache, 'downloads');
  const tarball = join(downloads, `${TOP}.tar.gz`);
  mkdirSync(downloads, { recursive: true });
  if (!existsSync(tarball)) {
    log(`trino: downloading trino-server ${TRINO_VERSION} (821 MB, Maven Central; once per machine)`);
    await run('mvn', ['-B', '-q', 'dependency:copy', `-Dartifact=io.trino:trino-server:${TRINO_VERSION}:tar.gz`, `-DoutputDirectory=${downloads}`]);
  }
  const staging = join(cache, `${TOP}.partial`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  log(`trino: unpacking (plugins kept: ${PLUGINS.join(', ')})`);
  // Whole: plugins share jars through hard links, so a partial extraction would break them.
  await run('tar', ['-xzf', tarball, '-C', staging]);
  const plugins = join(staging, TOP, 'plugin');
  for (const plugin of readdirSync(plugins)) if (!PLUGINS.includes(plugin)) rmSync(join(plugins, plugin), { recursive: true, force: true });
  writeFileSync(join(staging, TOP, '.complete'), `${new Date().toISOString()}\n`);
  rmSync(home, { recursive: true, force: true });
  renameSync(join(staging, TOP), home);
  rmSync(staging, { recursive: true, force: true });
  // The unpacked server is all that is needed from now on; the Maven repository keeps its own copy.
  rmSync(tarball, { force: true });
  return home;
}

export interface TrinoLayout { readonly etc: string; readonly data: string; readonly metastore: string }

/**
 * One coordinator that also runs tasks, on loopback only. Two catalogs: `hive` keeps its metastore in files under
 * the services folder, and `local.location=/` lets a table's external_location be `local:///<any absolute path>`;
 * `glue` reads the Glue database and S3 lake of the local moto server.
 */
export function writeTrinoConfiguration(base: string, port: number, motoPort: number): TrinoLayout {
  const etc = join(base, 'etc');
  const data = join(base, 'data');
  const metastore = join(base, 'metastore');
  for (const dir of [join(etc, 'catalog'), data, metastore]) mkdirSync(dir, { recursive: true });
  writeFileSync(join(etc, 'node.properties'), `node.environment=primac\nnode.id=primac-local\nnode.data-dir=${data}\nnode.internal-address=127.0.0.1\nnode.bind-ip=127.0.0.1\n`);
  writeFileSync(join(etc, 'jvm.config'), [
    '-server', '-Xmx3G', '-XX:InitialRAMPercentage=5', '-XX:+ExitOnOutOfMemoryError', '-XX:+UseG1GC', '-XX:+ExplicitGCInvokesConcurrent',
    '-Djdk.attach.allowAttachSelf=true', '-Duser.timezone=UTC', '-Dfile.encoding=UTF-8', '-Djava.net.preferIPv4Stack=true', '',
  ].join('\n'));
  writeFileSync(join(etc, 'config.properties'), [
    'coordinator=true', 'node-scheduler.include-coordinator=true', `http-server.http.port=${port}`, 'http-server.log.enabled=false',
    `discovery.uri=http://127.0.0.1:${port}`, 'query.max-memory=2GB', 'query.max-memory-per-node=1GB', '',
  ].join('\n'));
  writeFileSync(join(etc, 'log.properties'), 'io.trino=WARN\n');
  writeFileSync(join(etc, 'catalog', 'tpch.properties'), 'connector.name=tpch\n');
  writeFileSync(join(etc, 'catalog', 'hive.properties'), [
    'connector.name=hive', 'hive.metastore=file', `hive.metastore.catalog.dir=local://${metastore}`,
    'fs.native-local.enabled=true', 'local.location=/', 'hive.timestamp-precision=MICROSECONDS', 'hive.parquet.time-zone=UTC',
    'hive.non-managed-table-writes-enabled=false', '',
  ].join('\n'));
  writeFileSync(join(etc, 'catalog', 'glue.properties'), glueCatalogProperties(`http://127.0.0.1:${motoPort}`));
  return { etc, data, metastore };
}

/**
 * The Athena layout against an S3/Glue-compatible server (moto): Glue metastore, S3 lake. moto has no column
 * statistics and a retry count of 0 stops the server, hence the last two settings. Also deploy/trino/glue.properties
 * (the Compose stack's Trino), checked equal by a test.
 */
export function glueCatalogProperties(endpoint: string): string {
  return [
    'connector.name=hive', 'hive.metastore=glue', 'hive.metastore.glue.region=us-east-1', `hive.metastore.glue.endpoint-url=${endpoint}`,
    'hive.metastore.glue.aws-access-key=test', 'hive.metastore.glue.aws-secret-key=test',
    'fs.native-s3.enabled=true', `s3.endpoint=${endpoint}`, 's3.region=us-east-1', 's3.path-style-access=true', 's3.aws-access-key=test', 's3.aws-secret-key=test',
    'hive.timestamp-precision=MICROSECONDS', 'hive.parquet.time-zone=UTC', 'hive.table-statistics-enabled=false', 'hive.metastore.glue.max-error-retries=1', '',
  ].join('\n');
}
