/** Apache Cassandra 5.0 from Maven Central jars on JDK 17, one private node under the services folder. */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PrimacError } from '../core/errors.ts';
import { downloadJars, JDK17_MODULE_FLAGS, jarsFolder, writeConfiguration } from './cassandra-files.ts';
import { firstExisting } from './debian.ts';
import { portInUse, probeCassandra } from './probes.ts';
import { isAlive, livePid, readPid, spawnDetached, terminate, waitUntil } from './processes.ts';
import type { LocalService, ServiceContext } from './service.ts';

const java = () => firstExisting(['/usr/lib/jvm/java-17-openjdk-amd64/bin/java', '/usr/lib/jvm/java-11-openjdk-amd64/bin/java']);
const mvn = () => firstExisting(['/usr/bin/mvn', '/usr/local/bin/mvn']);
const port = (ctx: ServiceContext) => ctx.config.cassandra?.port ?? 9042;
const base = (ctx: ServiceContext) => join(ctx.root, 'cassandra');
const pidFile = (ctx: ServiceContext) => join(base(ctx), 'cassandra.pid');
const outFile = (ctx: ServiceContext) => join(base(ctx), 'logs', 'stdout.log');

function jvmArguments(ctx: ServiceContext, lib: string): string[] {
  const { conf, yaml, logback } = writeConfiguration(base(ctx), port(ctx));
  const jamm = readdirSync(lib).find((f) => /^jamm-.*\.jar$/.test(f));
  return [
    '-Xms768M', '-Xmx768M', '-Xss256k', '-XX:+UseG1GC', '-XX:MaxDirectMemorySize=256M', '-XX:+ExitOnOutOfMemoryError',
    '-XX:+ParallelRefProcEnabled', '-XX:MaxTenuringThreshold=1', '-XX:G1HeapRegionSize=16m',
    ...(jamm ? [`-javaagent:${join(lib, jamm)}`] : []),
    `-Dcassandra.config=file://${yaml}`, `-Dlogback.configurationFile=file://${logback}`,
    `-Dcassandra.storagedir=${join(base(ctx), 'data')}`, `-Dcassandra.logdir=${join(base(ctx), 'logs')}`,
    '-Dcassandra.jmx.local.port=7199', '-Dcassandra.skip_wait_for_gossip_to_settle=0', '-Dcassandra-foreground=yes',
    '-Djava.net.preferIPv4Stack=true', '-Dio.netty.tryReflectionSetAccessible=true',
    ...JDK17_MODULE_FLAGS,
    '-cp', `${conf}:${join(lib, '*')}`, 'org.apache.cassandra.service.CassandraDaemon',
  ];
}

export const cassandraService: LocalService = {
  name: 'cassandra',
  description: `Apache Cassandra 5.0 (claims and payments service)`,
  port,
  async missingPackages() {
    const missing: string[] = [];
    if (!java()) missing.push('openjdk-17-jre-headless');
    if (!mvn()) missing.push('maven');
    return missing;
  },
  async prepare(ctx) {
    await downloadJars(ctx.cache, ctx.log);
  },
  where: base,
  pid: (ctx) => livePid(pidFile(ctx)),
  probe: (ctx) => probeCassandra(port(ctx)),

  async start(ctx) {
    if (await this.probe(ctx)) return;
    const javaBin = java();
    const lib = jarsFolder(ctx.cache);
    if (!javaBin) throw new PrimacError('SERVICE_PREREQUISITE_MISSING', 'Cassandra 5.0 needs JDK 17 (or 11). Install it: sudo apt-get install -y openjdk-17-jre-headless');
    if (!existsSync(join(lib, '.complete'))) throw new PrimacError('SERVICE_PREREQUISITE_MISSING', 'The Cassandra jars are not downloaded yet: run `npx primac services start cassandra` (it fetches them with Maven).');
    if (isAlive(readPid(pidFile(ctx)))) {
      // Started earlier and still booting (a restart with data can take 25 s).
      await waitUntil(() => this.probe(ctx), 'Cassandra', { timeoutMs: 180_000, logFile: outFile(ctx), alive: () => isAlive(readPid(pidFile(ctx))) });
      return;
    }
    if (await portInUse(port(ctx))) throw new PrimacError('SERVICE_PORT_BUSY', `Port ${port(ctx)} is taken by something that is not Cassandra. Free it or set CASSANDRA_PORT.`);
    mkdirSync(base(ctx), { recursive: true });
    const args = jvmArguments(ctx, lib);
    // As root Cassandra mlocks its whole heap; without CAP_IPC_LOCK the lock fails harmlessly and RSS stays lower.
    const [command, argv] = ctx.isRoot ? ['setpriv', ['--bounding-set=-ipc_lock', javaBin, ...args]] : [javaBin, args];
    ctx.log('cassandra: starting (first boot takes 10-30 s)');
    const pid = spawnDetached(command, argv, { logFile: outFile(ctx), pidFile: pidFile(ctx) });
    await waitUntil(() => this.probe(ctx), 'Cassandra', { timeoutMs: 180_000, logFile: outFile(ctx), alive: () => isAlive(pid) });
  },

  async stop(ctx) {
    // SIGTERM lets it flush its memtables; SIGKILL after 60 s.
    await terminate(pidFile(ctx), 60_000);
  },
};
