/** start / stop / status over a selection of local servers: one apt-get for all, downloads and starts in parallel. */
import { installPackages } from './debian.ts';
import type { LocalService, ServiceContext, ServiceStatus } from './service.ts';

export interface StartReport { readonly name: string; readonly seconds: number; readonly port: number }

export async function startServices(services: readonly LocalService[], ctx: ServiceContext): Promise<StartReport[]> {
  const missing = new Set<string>();
  for (const service of services) for (const pkg of await service.missingPackages(ctx)) missing.add(pkg);
  await installPackages([...missing], ctx.isRoot, ctx.log);
  await Promise.all(services.map((s) => s.prepare(ctx)));
  const settled = await Promise.allSettled(services.map(async (service) => {
    const started = Date.now();
    await service.start(ctx);
    return { name: service.name, seconds: (Date.now() - started) / 1000, port: service.port(ctx) };
  }));
  const failures = settled.flatMap((r, i) => (r.status === 'rejected' ? [`${services[i]!.name}: ${(r.reason as Error).message}`] : []));
  if (failures.length > 0) throw new AggregateError(settled.flatMap((r) => (r.status === 'rejected' ? [r.reason] : [])), failures.join('\n'));
  return settled.map((r) => (r as PromiseFulfilledResult<StartReport>).value);
}

export async function stopServices(services: readonly LocalService[], ctx: ServiceContext): Promise<void> {
  await Promise.all([...services].reverse().map((s) => s.stop(ctx)));
}

export async function serviceStatuses(services: readonly LocalService[], ctx: ServiceContext): Promise<ServiceStatus[]> {
  return Promise.all(services.map(async (service): Promise<ServiceStatus> => {
    const answering = await service.probe(ctx);
    const pid = service.pid(ctx);
    const port = service.port(ctx);
    const state = port === 0 ? (answering ? 'installed' : 'missing') : answering ? 'running' : pid !== null ? 'starting' : 'stopped';
    return { name: service.name, state, port, pid, detail: service.where(ctx) };
  }));
}
