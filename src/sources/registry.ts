/** The configured sources, each backend's driver loaded only when that source is used. */
import type { Config } from '../config/config.ts';
import type { SourceName } from '../core/table-model.ts';
import type { Source } from './source.ts';

/** The variable whose empty value means "not configured". */
export const HOST_VARIABLE: Record<SourceName, string> = { mysql: 'MYSQL_HOST', postgresql: 'POSTGRES_HOST', cassandra: 'CASSANDRA_HOST' };

export async function openSource(name: SourceName, config: Config): Promise<Source | null> {
  switch (name) {
    case 'postgresql': {
      if (!config.postgres) return null;
      const { createPostgresSource } = await import('./postgres/postgres-source.ts');
      return createPostgresSource(config.postgres, { scanner: process.env.PRIMAC_PG_SCANNER !== '0' });
    }
    case 'mysql': {
      if (!config.mysql) return null;
      const { createMysqlSource } = await import('./mysql/mysql-source.ts');
      return createMysqlSource(config.mysql, { rowPackets: process.env.PRIMAC_MYSQL_RAW !== '0' });
    }
    case 'cassandra': {
      if (!config.cassandra) return null;
      const { createCassandraSource } = await import('./cassandra/cassandra-source.ts');
      return createCassandraSource(config.cassandra, { rawRows: process.env.PRIMAC_CASSANDRA_RAW !== '0' });
    }
  }
}
