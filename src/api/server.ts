/** Wires configuration → lake → catalog → engine → app, and listens (`primac serve`, the demo). */
import { openCatalog } from '../catalog/registry.ts';
import type { Config } from '../config/config.ts';
import { logLevel } from '../config/variables.ts';
import { PrimacError } from '../core/errors.ts';
import { openEngine } from '../engines/registry.ts';
import { openLake } from '../lake/registry.ts';
import { buildApp, type PrimacApp } from './app.ts';

export async function startServer(config: Config, options: { port: number; host: string; logger?: boolean | object }): Promise<PrimacApp & { url: string }> {
  const lake = await openLake(config);
  const catalog = await openCatalog(config, lake);
  const engine = await openEngine(config, lake);
  const built = await buildApp({ config, lake, catalog, engine, cache: process.env.PRIMAC_CACHE !== '0', warm: process.env.PRIMAC_WARM !== '0', logger: options.logger ?? { level: logLevel(process.env), redact: ['req.headers.authorization', 'req.headers["x-api-key"]'] } });
  built.app.addHook('onClose', async () => engine.close());
  const url = await built.app.listen({ port: options.port, host: options.host }).catch(async (error: NodeJS.ErrnoException) => {
    await built.app.close();
    throw listenError(error, options);
  });
  return { ...built, url };
}

/** Why the API could not listen, naming the setting to change (PORT/--port, HOST/--host). */
function listenError(error: NodeJS.ErrnoException, at: { port: number; host: string }): unknown {
  if (error.code === 'EADDRINUSE') return new PrimacError('USAGE', `Port ${at.port} on ${at.host} is taken by another process: stop it, or choose another port with PORT or --port.`);
  if (error.code === 'EACCES') return new PrimacError('USAGE', `Port ${at.port} needs privileges this user lacks: choose a port above 1023 with PORT or --port.`);
  if (error.code === 'ENOTFOUND' || error.code === 'EADDRNOTAVAIL' || error.code === 'EAI_AGAIN') {
    return new PrimacError('USAGE', `Cannot listen on HOST=${JSON.stringify(at.host)}: it is not an address of this machine (${error.code}); use 127.0.0.1, 0.0.0.0 or one of its addresses, with HOST or --host.`);
  }
  return error;
}
