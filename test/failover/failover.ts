/**
 * `npm run test:failover`: two `primac serve` instances behind a private nginx with the project's configuration
 * (loopback ports), load through nginx, one instance SIGKILLed mid-run.
 * Prints "<N> requests, <M> failed"; exits non-zero unless M is 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { parseConfig } from '../../src/config/config.ts';
import { writeSyntheticLake } from '../../src/seed/synthetic-lake.ts';
import { localNginxConfig } from '../../src/services/nginx-config.ts';
import { projectRoot } from '../../src/services/paths.ts';

const NGINX_PORT = 8189;
const API_PORTS = [8191, 8192];
const root = mkdtempSync(join(tmpdir(), 'primac-failover-'));
const children: ChildProcess[] = [];

async function waitFor(url: string, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not answer at ${url}`);
}

function api(port: number): ChildProcess {
  const child = spawn(process.execPath, ['bin/primac.js', 'serve', '--port', String(port)], {
    cwd: projectRoot, stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, LAKE_URI: join(root, 'lake'), CATALOG: 'local', QUERY_ENGINE: 'duckdb', RATE_LIMIT: '0', LOG_LEVEL: 'warn' },
  });
  children.push(child);
  return child;
}

try {
  await writeSyntheticLake(parseConfig({ LAKE_URI: join(root, 'lake'), CATALOG: 'local' }), { scale: 0.05 });
  const instances = API_PORTS.map(api);
  await Promise.all(API_PORTS.map((p) => waitFor(`http://127.0.0.1:${p}/health`, `API on ${p}`)));
  const prefix = join(root, 'nginx');
  for (const dir of ['logs', 'tmp']) mkdirSync(join(prefix, dir), { recursive: true });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) spawn('chown', ['-R', 'nobody:nogroup', join(prefix, 'tmp')]);
  writeFileSync(join(prefix, 'nginx.conf'), localNginxConfig(prefix, NGINX_PORT, API_PORTS.map((p) => `127.0.0.1:${p}`), asRoot ? 'nobody nogroup' : null));
  const nginx = spawn('/usr/sbin/nginx', ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'inherit' });
  children.push(nginx);
  await waitFor(`http://127.0.0.1:${NGINX_PORT}/nginx-health`, 'nginx');

  const paths = ['/mysql/analytics/users', '/cassandra/analytics/claims', '/cross/analytics/agent-performance?limit=5', '/health', '/postgresql/analytics/products'];
  const load = autocannon({
    url: `http://127.0.0.1:${NGINX_PORT}`, connections: 8, duration: 12,
    requests: paths.map((path) => ({ method: 'GET' as const, path })),
  });
  const errorKinds = new Map<string, number>();
  const startedAt = Date.now();
  (load as unknown as NodeJS.EventEmitter).on('reqError', (error: Error & { code?: string }) => {
    const kind = `${error.code ?? error.message}@${((Date.now() - startedAt) / 1000).toFixed(1)}s`;
    errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
  });
  // Mid-run, one instance dies abruptly (in-flight requests included).
  setTimeout(() => instances[0]!.kill('SIGKILL'), 4000);
  const result = await load;
  const failed = result.errors + result.timeouts + result.non2xx;
  process.stdout.write(`${result.requests.total} requests, ${failed} failed\n`);
  if (failed > 0) process.stderr.write(`status codes: ${JSON.stringify(result.statusCodeStats)}, errors ${result.errors} ${JSON.stringify([...errorKinds])}, timeouts ${result.timeouts}\n`);
  if (failed > 0 || result.requests.total < 100) process.exitCode = 1;
} finally {
  for (const c of children) if (c.exitCode === null) { c.kill('SIGTERM'); await Promise.race([once(c, 'exit'), new Promise((r) => setTimeout(r, 5000))]); }
  if (process.env.KEEP_FAILOVER !== '1') rmSync(root, { recursive: true, force: true });
  else process.stderr.write(`kept ${root}\n`);
}
