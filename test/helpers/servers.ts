/**
 * Integration tests need the real servers of `primac services start`. Under CI=true a missing server fails the
 * run; elsewhere the suite is skipped and says why.
 */
import { parseConfig, readEnv, type Config } from '../../src/config/config.ts';
import { probeCassandra, probeHttp, probeMysql, probePostgres, probeTrino } from '../../src/services/probes.ts';

export const config: Config = parseConfig(readEnv());

const PROBES: Record<string, () => Promise<boolean>> = {
  mysql: () => probeMysql(config.mysql?.port ?? 3306),
  postgres: () => probePostgres(config.postgres?.port ?? 5432),
  cassandra: () => probeCassandra(config.cassandra?.port ?? 9042),
  s3: () => probeHttp(`${config.s3Endpoint ?? 'http://127.0.0.1:5000'}/moto-api/config`),
  trino: () => probeTrino(Number(new URL(config.trinoUrl).port || 8080)),
};

/** Resolves to a skip reason (outside CI) or null when every server answers; throws under CI=true. */
export async function missingServers(names: readonly (keyof typeof PROBES)[]): Promise<string | null> {
  const missing: string[] = [];
  for (const name of names) if (!(await PROBES[name]!())) missing.push(name);
  if (missing.length === 0) return null;
  const message = `servers not answering: ${missing.join(', ')} (start them with: npx primac services start)`;
  if (process.env.CI === 'true') throw new Error(`CI=true and ${message}`);
  return message;
}
