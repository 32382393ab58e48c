/** The local servers of `primac services`, in start order, and the context they run in. */
import { getConfig } from '../config/config.ts';
import { PrimacError } from '../core/errors.ts';
import { cassandraService } from './cassandra.ts';
import { chromiumService, composeService } from './programs.ts';
import { mariadbService } from './mariadb.ts';
import { motoService } from './moto.ts';
import { nginxService } from './nginx.ts';
import { cacheRoot, servicesRoot } from './paths.ts';
import { postgresService } from './postgres.ts';
import { trinoService } from './trino.ts';
import type { LocalService, ServiceContext } from './service.ts';

export const SERVICES: readonly LocalService[] = [postgresService, mariadbService, cassandraService, motoService, trinoService, nginxService, chromiumService, composeService];

const ALIASES: Record<string, string> = { mysql: 'mariadb', postgresql: 'postgres', moto: 's3', glue: 's3' };

export function selectServices(names: readonly string[]): LocalService[] {
  if (names.length === 0) return [...SERVICES];
  return names.map((raw) => {
    const name = ALIASES[raw.toLowerCase()] ?? raw.toLowerCase();
    const service = SERVICES.find((s) => s.name === name);
    if (!service) {
      throw new PrimacError('SERVICE_UNKNOWN', `Unknown service "${raw}": expected one of ${SERVICES.map((s) => s.name).join(', ')}.`);
    }
    return service;
  });
}

export function serviceContext(log: (message: string) => void): ServiceContext {
  return {
    config: getConfig(),
    root: servicesRoot(),
    cache: cacheRoot(),
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    log,
  };
}
