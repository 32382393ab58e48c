/** nginx from Debian as a private load balancer in front of two local API instances. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PrimacError } from '../core/errors.ts';
import { firstExisting } from './debian.ts';
import { localNginxConfig } from './nginx-config.ts';
import { portInUse, probeHttp } from './probes.ts';
import { isAlive, livePid, readPid, run, spawnDetached, terminate, waitUntil } from './processes.ts';
import type { LocalService, ServiceContext } from './service.ts';

/** The local balancer's port (production puts nginx on 80, which needs root). */
export const NGINX_PORT = 8088;
/** The two API instances it balances (`primac serve --port 8001` and `--port 8002`). */
export const NGINX_UPSTREAMS = ['127.0.0.1:8001', '127.0.0.1:8002'];

const binary = () => firstExisting(['/usr/sbin/nginx', '/usr/local/sbin/nginx']);
const base = (ctx: ServiceContext) => join(ctx.root, 'nginx');
const pidFile = (ctx: ServiceContext) => join(base(ctx), 'nginx.pid');

export const nginxService: LocalService = {
  name: 'nginx',
  description: `nginx load balancer (127.0.0.1:${NGINX_PORT} → ${NGINX_UPSTREAMS.join(', ')})`,
  port: () => NGINX_PORT,
  async missingPackages() {
    return binary() ? [] : ['nginx'];
  },
  async prepare() {},
  where: base,
  pid: (ctx) => livePid(pidFile(ctx)),
  probe: () => probeHttp(`http://127.0.0.1:${NGINX_PORT}/nginx-health`),

  async start(ctx) {
    if (await this.probe(ctx)) return;
    const nginx = binary();
    if (!nginx) throw new PrimacError('SERVICE_PREREQUISITE_MISSING', 'nginx not found. Install it: sudo apt-get install -y nginx');
    if (await portInUse(NGINX_PORT)) throw new PrimacError('SERVICE_PORT_BUSY', `Port ${NGINX_PORT} is taken by something that is not this nginx. Free it.`);
    const prefix = base(ctx);
    for (const dir of ['logs', 'tmp']) mkdirSync(join(prefix, dir), { recursive: true });
    const user = ctx.isRoot ? 'nobody nogroup' : null;
    if (ctx.isRoot) await run('chown', ['-R', 'nobody:nogroup', join(prefix, 'tmp')]);
    const conf = join(prefix, 'nginx.conf');
    writeFileSync(conf, localNginxConfig(prefix, NGINX_PORT, NGINX_UPSTREAMS, user));
    const pid = spawnDetached(nginx, ['-p', prefix, '-c', conf, '-g', 'daemon off;'], { logFile: join(prefix, 'logs', 'stdout.log'), pidFile: pidFile(ctx) });
    await waitUntil(() => this.probe(ctx), 'nginx', { timeoutMs: 15_000, logFile: join(prefix, 'logs', 'error.log'), alive: () => isAlive(pid) });
  },
  async stop(ctx) {
    if (isAlive(readPid(pidFile(ctx)))) await terminate(pidFile(ctx), 10_000);
  },
};
