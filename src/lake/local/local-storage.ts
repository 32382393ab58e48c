/** A lake on local disk. Atomic replace = write a temp file in the same folder, then rename over the target. */
import { randomBytes } from 'node:crypto';
import { copyFile, link, mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { PrimacError } from '../../core/errors.ts';
import type { LakeStorage, StoredObject } from '../lake-storage.ts';

/** A temp file in the target's folder (so a rename or link into place stays on one file system). */
const tempBeside = (target: string) => `${target}.${randomBytes(6).toString('hex')}.tmp`;

const REASONS: Record<string, string> = {
  EACCES: 'permission denied', EPERM: 'permission denied', EROFS: 'the file system is read-only', ENOSPC: 'the disk is full',
  ENOTDIR: 'part of the path is a file, not a folder', EEXIST: 'part of the path is a file, not a folder', EISDIR: 'a folder is where a file should be',
};

/** A file-system failure of the lake as a message that names LAKE_URI and what to check (not a bare errno). */
function lakeError(error: unknown, uri: string, reading: boolean): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (!code || !(code in REASONS)) return error;
  const what = reading ? 'read' : 'written';
  return new PrimacError('LAKE_FAILED', `The lake folder LAKE_URI=${JSON.stringify(uri)} cannot be ${what}: ${REASONS[code]} (${code}); check that it is a folder this user can ${reading ? 'read' : 'write'}${reading ? '' : ', on a disk with room'}.`, { cause: error });
}

export function createLocalStorage(uri: string): LakeStorage {
  const storage = localStorage(uri);
  const guarded = {} as Record<string, unknown>;
  for (const [name, member] of Object.entries(storage)) {
    guarded[name] = typeof member === 'function' && name !== 'locate' && name !== 'localPath'
      ? async (...args: unknown[]) => {
        try {
          return await (member as (...a: unknown[]) => Promise<unknown>)(...args);
        } catch (error) {
          throw lakeError(error, uri, name === 'get' || name === 'list');
        }
      }
      : member;
  }
  return guarded as unknown as LakeStorage;
}

function localStorage(uri: string): LakeStorage {
  const root = resolve(uri);
  const pathOf = (key: string) => {
    const path = resolve(root, key);
    if (path !== root && !path.startsWith(root + sep)) throw new PrimacError('LAKE_FAILED', `Refusing a lake key outside the lake: ${key}`);
    return path;
  };
  return {
    uri,
    capabilities: { localFiles: true },
    locate: (key) => `${pathOf(key)}${key.endsWith('/') ? '/' : ''}`,
    localPath: pathOf,
    async putFile(key, file) {
      const target = pathOf(key);
      if (resolve(file) !== target) {
        await mkdir(dirname(target), { recursive: true });
        await copyFile(file, target);
      }
      return (await stat(target)).size;
    },
    async putBytes(key, bytes) {
      const target = pathOf(key);
      await mkdir(dirname(target), { recursive: true });
      const temp = tempBeside(target);
      await writeFile(temp, bytes);
      await rename(temp, target);
    },
    async putIfAbsent(key, bytes) {
      // Written whole first, then linked into place (fails if the key exists): a process killed midway leaves at
      // most a temp file, never an empty or partial object under the key.
      const target = pathOf(key);
      await mkdir(dirname(target), { recursive: true });
      const temp = tempBeside(target);
      await writeFile(temp, bytes);
      try {
        await link(temp, target);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw error;
      } finally {
        await rm(temp, { force: true });
      }
    },
    async get(key) {
      try {
        return await readFile(pathOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async list(prefix) {
      const base = pathOf(prefix.replace(/\/+$/, '') || '.');
      const out: StoredObject[] = [];
      let entries;
      try {
        entries = await readdir(base, { recursive: true, withFileTypes: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return out;
        throw error;
      }
      for (const entry of entries) {
        if (!entry.isFile() || entry.name.endsWith('.tmp')) continue;
        const path = join(entry.parentPath, entry.name);
        out.push({ key: relative(root, path).split(sep).join('/'), size: (await stat(path)).size });
      }
      return out.sort((a, b) => (a.key < b.key ? -1 : 1));
    },
    async delete(keys) {
      const folders = new Set<string>();
      for (const key of keys) {
        const path = pathOf(key);
        await rm(path, { force: true, recursive: true });
        folders.add(dirname(path));
      }
      // Remove folders left empty (a deleted snapshot), up to the lake's root.
      for (let folder of folders) {
        while (folder.startsWith(root + sep)) {
          try {
            await rmdir(folder);
          } catch {
            break;
          }
          folder = dirname(folder);
        }
      }
    },
  };
}
