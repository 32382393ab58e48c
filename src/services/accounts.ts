/**
 * Database servers refuse to run as root. As root we run them as their Debian account (postgres, mysql) in a data
 * folder that account owns; as any other user they simply run as that user.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
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
  const fallback = join('/var/lib/primac', createHash('sha1').update(ctx.root).digest('hex').slice(0, 10), name);
  mkdirSync(fallback, { recursive: true });
  await run('chown', ['-R', `${account}:`, join('/var/lib/primac')]);
  return fallback;
}
