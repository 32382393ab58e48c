/** `primac … | head -1`: a reader that goes away must not crash the command or print a stack trace. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../../src/services/paths.ts';

test('primac services status into a closed pipe ends quietly', async () => {
  const services = mkdtempSync(join(tmpdir(), 'primac-pipe-'));
  try {
    const child = spawn(process.execPath, [join(projectRoot, 'bin', 'primac.js'), 'services', 'status'], {
      stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PRIMAC_SERVICES_DIR: services },
    });
    // The reader goes away before the command writes a line.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const [code] = await once(child, 'close');
    assert.equal(stderr, '');
    assert.equal(code, 0);
  } finally {
    rmSync(services, { recursive: true, force: true });
  }
});
