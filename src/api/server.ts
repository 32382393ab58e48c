/** Wires configuration → lake → catalog → engine → app, and listens (`primac serve`, the demo). */
import { openCatalog } from '../catalog/registry.ts';
import type { Config } from '../config/config.ts';
import { openEngine } from '../engines/registry.ts';
import { openLake } from '../lake/registry.ts';
import { buildApp, type PrimacApp } from './app.ts';

export async function startServer(config: Config, options: { port: number; host: string; logger?: boolean | object }): Promise<PrimacApp & { url: string }> {
  const lake = await openLake(config);
  const catalog = await openCatalog(config, lake);
  const engine = await openEngine(config, lake);
  const built = await buildApp({ config, lake, catalog, engine, cache: process.env.PRIMAC_CACHE !== '0', warm: process.env.PRIMAC_WARM !== '0', logger: options.logger ?? { level: process.env.LOG_LEVEL ?? 'info', redact: ['req.headers.authorization', 'req.headers["x-api-key"]'] } });
  built.app.addHook('onClose', async () => engine.close());
  const url = await built.app.listen({ port: options.port, host: options.host });
  return { ...built, url };
}
