/**
 * Each run works in a folder of its own under the system's temp folder (DuckDB's pipes and spill files; for an S3
 * lake, the staged Parquet parts). A run killed outright leaves its folder behind, possibly with hundreds of MB of
 * parts; the next run on the machine removes the folders of runs whose process is gone. The owner is known by a
 * `pid` file in the folder; folders without one (or unreadable) are removed once a day old.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive } from '../services/processes.ts';

const PREFIX = 'primac-ingest-';
const ORPHAN_AGE_MS = 24 * 3600 * 1000;

/** Creates this run's temp folder, owned by this process. */
export function runTempFolder(runId: string, root = tmpdir()): string {
  const folder = join(root, `${PREFIX}${runId}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'pid'), String(process.pid));
  return folder;
}

/** The pid written in a run's folder; null when there is none (a folder from before pid files, or half made). */
function owner(folder: string): number | null {
  try {
    const pid = Number(readFileSync(join(folder, 'pid'), 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Removes the temp folders of runs that are no longer running; returns how many. */
export function removeOrphanedTempFolders(root = tmpdir(), now = Date.now()): number {
  let names: string[];
  try {
    names = readdirSync(root).filter((n) => n.startsWith(PREFIX));
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const folder = join(root, name);
    const pid = owner(folder);
    try {
      const orphaned = pid !== null ? pid !== process.pid && !isAlive(pid) : now - statSync(folder).mtimeMs >= ORPHAN_AGE_MS;
      if (!orphaned) continue;
      rmSync(folder, { recursive: true, force: true });
      removed += 1;
    } catch {
      // Gone meanwhile, or not ours to remove: left alone.
    }
  }
  return removed;
}
