/** Debian packages for the local servers: find what is missing; install it when root, else say how. */
import { existsSync } from 'node:fs';
import { PrimacError } from '../core/errors.ts';
import { run } from './processes.ts';

export async function isInstalled(pkg: string): Promise<boolean> {
  const result = await run('dpkg-query', ['-W', '-f=${Status}', pkg], { allowFailure: true }).catch(() => null);
  return result !== null && result.code === 0 && result.stdout.includes('install ok installed');
}

/** The first existing path among candidates, or null. */
export function firstExisting(candidates: readonly string[]): string | null {
  return candidates.find((path) => existsSync(path)) ?? null;
}

export async function installPackages(packages: readonly string[], isRoot: boolean, log: (m: string) => void): Promise<void> {
  if (packages.length === 0) return;
  const command = `apt-get install -y ${packages.join(' ')}`;
  if (!isRoot) {
    throw new PrimacError('SERVICE_PREREQUISITE_MISSING', `Missing Debian packages: ${packages.join(', ')}. Install them with: sudo apt-get update && sudo ${command}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log(`installing ${packages.join(', ')} (apt-get)`);
  const first = await run('apt-get', ['install', '-y', '-q', ...packages], { env, allowFailure: true });
  if (first.code === 0) return;
  // A fresh machine has no package lists yet.
  await run('apt-get', ['update', '-q'], { env });
  await run('apt-get', ['install', '-y', '-q', ...packages], { env });
}
