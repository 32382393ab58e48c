/** Trino 476 (the QUERY_ENGINE=trino engine): one private node on Temurin 25, a Hive catalog over local lakes. */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PrimacError } from '../core/errors.ts';
import { firstExisting } from './debian.ts';
import { motoPort } from './moto.ts';
import { portInUse, probeTrino } from './probes.ts';
import { isAlive, livePid, readPid, spawnDetached, terminate, waitUntil } from './processes.ts';
import type { LocalService, ServiceContext } from './service.ts';
import { installTrino, trinoHome, trinoJavaHome, TRINO_VERSION, writeTrinoConfiguration } from './trino-files.ts';

/** The port of TRINO_URL when it points at this machine; 8080 otherwise. */
function port(ctx: ServiceContext): number {
  const url = new URL(ctx.config.trinoUrl);
  if (['127.0.0.1', 'localhost'].includes(url.hostname) && url.port) return Number(url.port);
  return 8080;
}
const base = (ctx: ServiceContext) => join(ctx.root, 'trino');
const pidFile = (ctx: ServiceContext) => join(base(ctx), 'trino.pid');
const logFile = (ctx: ServiceContext) => join(base(ctx), 'server.log');

export const trinoService: LocalService = {
  name: 'trino',
  description: `Trino ${TRINO_VERSION} (QUERY_ENGINE=trino) with a Hive catalog over the lake`,
  port,
  async missingPackages() {
    const missing: string[] = [];
    if (!firstExisting(['/usr/bin/mvn', '/usr/local/bin/mvn'])) missing.push('maven');
    if (!firstExisting(['/usr/bin/python3'])) missing.push('python3');
    return missing;
  },
  async prepare(ctx) {
    if (!trinoJavaHome()) {
      throw new PrimacError('SERVICE_PREREQUISITE_MISSING', `Trino ${TRINO_VERSION} needs Java 24 or newer (Temurin 25 is the tested one) under /usr/lib/jvm; none was found.`);
    }
    await installTrino(ctx.cache, ctx.log);
  },
  where: base,
  pid: (ctx) => livePid(pidFile(ctx)),
  probe: (ctx) => probeTrino(port(ctx)),

  async start(ctx) {
    if (await this.probe(ctx)) return;
    const javaHome = trinoJavaHome();
    const home = trinoHome(ctx.cache);
    if (!javaHome) throw new PrimacError('SERVICE_PREREQUISITE_MISSING', `Trino ${TRINO_VERSION} needs Java 24 or newer under /usr/lib/jvm (Temurin 25 is the tested one).`);
    if (!existsSync(join(home, '.complete'))) throw new PrimacError('SERVICE_PREREQUISITE_MISSING', 'Trino is not downloaded yet: run `npx primac services start trino` (it fetches it with Maven).');
    const wait = (pid: number) => waitUntil(() => this.probe(ctx), 'Trino', { timeoutMs: 180_000, logFile: logFile(ctx), alive: () => isAlive(pid) });
    const running = readPid(pidFile(ctx));
    if (running !== null && isAlive(running)) return wait(running);
    if (await portInUse(port(ctx))) throw new PrimacError('SERVICE_PORT_BUSY', `Port ${port(ctx)} is taken by something that is not this project's Trino. Free it or set TRINO_URL to another local port.`);
    mkdirSync(base(ctx), { recursive: true });
    const { etc, data } = writeTrinoConfiguration(base(ctx), port(ctx), motoPort(ctx));
    ctx.log('trino: starting (ready in 15-45 s)');
    // The launcher picks the JDK from JAVA_HOME; without it, it finds 17 and exits ("requires Java 22+").
    const env = { ...process.env, JAVA_HOME: javaHome, PATH: `${join(javaHome, 'bin')}:${process.env.PATH ?? ''}` };
    const pid = spawnDetached(join(home, 'bin', 'launcher'), ['run', `--etc-dir=${etc}`, `--data-dir=${data}`], { logFile: logFile(ctx), pidFile: pidFile(ctx), env });
    await wait(pid);
  },

  async stop(ctx) {
    await terminate(pidFile(ctx), 30_000);
  },
};
