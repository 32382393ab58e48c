import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder (the one holding package.json). */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Data, logs and pid files of the local servers: an ignored folder inside the project. */
export function servicesRoot(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.PRIMAC_SERVICES_DIR || join(projectRoot, '.services'));
}

/** Downloads shared by every clone on this machine, so a fresh CI clone does not fetch them again. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PRIMAC_CACHE_DIR) return resolve(env.PRIMAC_CACHE_DIR);
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'primac');
}
