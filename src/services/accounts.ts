/**
 * Database servers refuse to run as root. As root we run them as their Debian account (postgres, mysql) in a data
 * folder that account owns; as any other user they simply run as that user.
 */
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './processes.ts';
import type { ServiceContext } from './service.ts';

/** Wraps a command so that it runs as `account` when we are root. */
export function asAccount(ctx: ServiceContext, account: string, command: string, args: readonly string[]): [string, string[]] {
  return ctx.isRoot ? ['runuser', ['-u', account, '--', command, ...args]] : [command, [...args]];
}

/**
 * The folder for a server's data: `<services root>/<name>` when the account can write there; otherwise (a project
 * under a private home folder) a folder under /var/lib/primac named after the project path.
 */
export async function ownedFolder(ctx: ServiceContext, name: string, account: string): Promise<string> {
  const preferred = join(ctx.root, name);
  mkdirSync(preferred, { recursive: true });
  if (!ctx.isRoot) return preferred;
  await run('chown', ['-R', `${account}:`, preferred]);
  const check = await run('runuser', ['-u', account, '--', 'test', '-w', preferred], { allowFailure: true });
  if (check.code === 0) return preferred;
  // The parents stay root's and traversable; each account owns only its own folder (servers start in parallel, so
  // handing the shared parents to one account locked the others out).
  const parent = join('/var/lib/primac', createHash('sha1').update(ctx.root).digest('hex').slice(0, 10));
  const fallback = join(parent, name);
  mkdirSync(fallback, { recursive: true });
  await run('chown', ['root:', '/var/lib/primac', parent]);
  chmodSync('/var/lib/primac', 0o755);
  chmodSync(parent, 0o755);
  await run('chown', ['-R', `${account}:`, fallback]);
  return fallback;
}
