/** `primac doctor` */
import type { Command } from 'commander';
import { getConfig } from '../../config/config.ts';
import { doctor } from '../doctor.ts';

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check every configured source, the lake, the catalog and the engine; one line each, with a hint on failure')
    .option('--json', 'one JSON object per check')
    .action(async (options: { json?: boolean }) => {
      const checks = await doctor(getConfig());
      for (const c of checks) {
        process.stdout.write(options.json ? `${JSON.stringify(c)}\n` : `${c.ok ? 'ok  ' : 'FAIL'} ${c.part.padEnd(10)} ${c.detail}${c.hint ? `\n     → ${c.hint}` : ''}\n`);
      }
      const failed = checks.filter((c) => !c.ok).map((c) => c.part);
      if (failed.length > 0) {
        if (!options.json) process.stdout.write(`failing: ${failed.join(', ')}\n`);
        process.exitCode = 1;
      }
    });
}
