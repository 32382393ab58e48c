/**
 * The MySQL client's shell glue never outlives the ingestion: killed with SIGKILL while `cat` is still blocked
 * opening DuckDB's pipe, the process that started it leaves nothing behind (no client holding a snapshot open).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const alive = (group: number) => {
  try {
    process.kill(-group, 0);
    return true;
  } catch {
    return false;
  }
};

test('the glue dies with the process that started it', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'primac-glue-'));
  try {
    const holder = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../helpers/glue-holder.ts', import.meta.url)), join(folder, 'pipe')], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [line] = await once(holder.stdout, 'data') as [Buffer];
    const group = Number(line.toString().trim());
    await sleep(300);
    assert.ok(alive(group), 'the glue runs while its parent lives');
    holder.kill('SIGKILL');
    await once(holder, 'exit');
    for (let i = 0; i < 50 && alive(group); i++) await sleep(100);
    assert.equal(alive(group), false, 'nothing of the glue survives its parent');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
