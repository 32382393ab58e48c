/** The S3- and Glue-compatible server for tests: moto from PyPI, in a venv cached per machine. */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PrimacError } from '../core/errors.ts';
import { portInUse, probeHttp } from './probes.ts';
import { isAlive, livePid, readPid, run, spawnDetached, terminate, waitUntil } from './processes.ts';
import type { LocalService, ServiceContext } from './service.ts';

const REQUIREMENTS = ['moto[s3,glue]==5.2.5', 'flask==3.1.3', 'flask-cors==6.0.5'];
const VENV_NAME = 'moto-5.2.5';

/** The port of S3_ENDPOINT when it points at this machine; 5000 otherwise. */
export function motoPort(ctx: ServiceContext): number {
  const endpoint = ctx.config.s3Endpoint;
  if (endpoint) {
    const url = new URL(endpoint);
    if (['127.0.0.1', 'localhost'].includes(url.hostname) && url.port) return Number(url.port);
  }
  return 5000;
}

const venv = (ctx: ServiceContext) => join(ctx.cache, VENV_NAME);
const base = (ctx: ServiceContext) => join(ctx.root, 's3');
const pidFile = (ctx: ServiceContext) => join(base(ctx), 'moto.pid');
const logFile = (ctx: ServiceContext) => join(base(ctx), 'moto.log');

export const motoService: LocalService = {
  name: 's3',
  description: 'S3 + Glue + Athena compatible server (moto)',
  port: motoPort,
  async missingPackages() {
    const python = await run('python3', ['-c', 'import venv, ensurepip'], { allowFailure: true }).catch(() => null);
    return python && python.code === 0 ? [] : ['python3', 'python3-venv'];
  },
  async prepare(ctx) {
    const dir = venv(ctx);
    if (existsSync(join(dir, '.complete'))) return;
    // A venv's scripts hold its absolute path, so it is built in place; the marker says it is whole.
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(ctx.cache, { recursive: true });
    ctx.log(`s3: installing ${REQUIREMENTS.join(' ')} into a venv (PyPI)`);
    await run('python3', ['-m', 'venv', dir]);
    await run(join(dir, 'bin', 'python'), ['-m', 'pip', 'install', '-q', '--disable-pip-version-check', ...REQUIREMENTS]);
    writeFileSync(join(dir, '.complete'), `${new Date().toISOString()}\n`);
  },
  where: base,
  pid: (ctx) => livePid(pidFile(ctx)),
  probe: (ctx) => probeHttp(`http://127.0.0.1:${motoPort(ctx)}/moto-api/config`),

  async start(ctx) {
    if (await this.probe(ctx)) return;
    const server = join(venv(ctx), 'bin', 'moto_server');
    if (!existsSync(server)) throw new PrimacError('SERVICE_PREREQUISITE_MISSING', 'moto is not installed yet: run `npx primac services start s3` (it installs it from PyPI).');
    if (await portInUse(motoPort(ctx))) throw new PrimacError('SERVICE_PORT_BUSY', `Port ${motoPort(ctx)} is taken by something that is not moto. Free it or point S3_ENDPOINT at another local port.`);
    mkdirSync(base(ctx), { recursive: true });
    const pid = spawnDetached(server, ['-H', '127.0.0.1', '-p', String(motoPort(ctx))], { logFile: logFile(ctx), pidFile: pidFile(ctx) });
    await waitUntil(() => this.probe(ctx), 'moto (S3/Glue)', { timeoutMs: 60_000, logFile: logFile(ctx), alive: () => isAlive(pid) });
  },
  async stop(ctx) {
    if (isAlive(readPid(pidFile(ctx)))) await terminate(pidFile(ctx), 10_000);
  },
};
