import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { removeOrphanedTempFolders, runTempFolder } from '../../src/ingest/temp-folders.ts';

test('temp folders of runs whose process is gone are removed; live runs and recent unowned folders stay', () => {
  const root = mkdtempSync(join(tmpdir(), 'primac-temp-folders-'));
  try {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const mine = runTempFolder('mine', root);
    const killed = join(root, 'primac-ingest-killed');
    mkdirSync(join(killed, 'mysql'), { recursive: true });
    writeFileSync(join(killed, 'pid'), dead);
    writeFileSync(join(killed, 'mysql', 'part-0.parquet'), 'x');
    const oldUnowned = join(root, 'primac-ingest-old');
    const newUnowned = join(root, 'primac-ingest-new');
    mkdirSync(oldUnowned);
    mkdirSync(newUnowned);
    utimesSync(oldUnowned, new Date(Date.now() - 2 * 86400_000), new Date(Date.now() - 2 * 86400_000));
    mkdirSync(join(root, 'something-else'));
    assert.equal(removeOrphanedTempFolders(root), 2);
    assert.deepEqual(readdirSync(root).sort(), ['primac-ingest-mine', 'primac-ingest-new', 'something-else']);
    assert.ok(existsSync(join(mine, 'pid')));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
