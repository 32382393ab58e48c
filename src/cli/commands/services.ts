/** `primac services start|stop|status [name…]` */
import type { Command } from 'commander';
import { selectServices, SERVICES, serviceContext } from '../../services/registry.ts';
import { serviceStatuses, startServices, stopServices } from '../../services/manage.ts';

const log = (message: string) => process.stderr.write(`${message}\n`);
const names = SERVICES.map((s) => s.name).join(', ');

export function registerServices(program: Command): void {
  const services = program
    .command('services')
    .description(`the local servers for development and tests (${names}): installed and started idempotently`);

  services
    .command('start')
    .argument('[names...]', `which servers (default: all of ${names})`)
    .description('install what is missing, start each server on its default port and wait until it answers')
    .action(async (list: string[]) => {
      const ctx = serviceContext(log);
      const reports = await startServices(selectServices(list), ctx);
      for (const r of reports) log(`${r.name.padEnd(10)} ready${r.port ? ` on 127.0.0.1:${r.port}` : ''} (${r.seconds.toFixed(1)} s)`);
    });

  services
    .command('stop')
    .argument('[names...]', `which servers (default: all)`)
    .description('stop the servers this project started (data is kept)')
    .action(async (list: string[]) => {
      await stopServices(selectServices(list), serviceContext(log));
      log('stopped');
    });

  services
    .command('status')
    .argument('[names...]', `which servers (default: all)`)
    .option('--json', 'one JSON object per server')
    .description('which servers answer, on which port, and where their data and logs are')
    .action(async (list: string[], options: { json?: boolean }) => {
      const statuses = await serviceStatuses(selectServices(list), serviceContext(log));
      for (const s of statuses) {
        process.stdout.write(options.json
          ? `${JSON.stringify(s)}\n`
          : `${s.name.padEnd(10)} ${s.state.padEnd(9)} ${(s.port ? `127.0.0.1:${s.port}` : '-').padEnd(16)} ${s.pid === null ? '' : `pid ${s.pid} `}${s.detail}\n`);
      }
    });
}
