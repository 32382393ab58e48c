/** `primac serve [--port 8000] [--host 127.0.0.1]` */
import type { Command } from 'commander';
import { getConfig } from '../../config/config.ts';
import { startServer } from '../../api/server.ts';
import { parsePositive } from './ingest.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('the HTTP API (analytics routes, /docs, /redoc, /openapi.json)')
    .option('--port <port>', 'port to listen on (default: PORT or 8000)', parsePositive('port', 65535))
    .option('--host <host>', 'address to listen on (default: HOST or 127.0.0.1)')
    .action(async (options: { port?: number; host?: string }) => {
      const config = getConfig();
      const server = await startServer(config, { port: options.port ?? config.port, host: options.host ?? config.host });
      const stop = async () => {
        await server.app.close();
        process.exit(0);
      };
      process.once('SIGTERM', () => void stop());
      process.once('SIGINT', () => void stop());
    });
}
