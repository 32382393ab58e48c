/**
 * The configuration of design/CLI.md, parsed once from the environment (and an optional `.env`), validated and
 * frozen. A source whose host variable is set to an empty string is not configured (null).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { PrimacError } from '../core/errors.ts';
import { choice, columnList, integer, lakeUri, list, port, s3Location, text, url, type Env } from './variables.ts';

export interface MysqlConfig { readonly host: string; readonly port: number; readonly database: string; readonly user: string; readonly password: string }
export interface PostgresConfig { readonly host: string; readonly port: number; readonly database: string; readonly user: string; readonly password: string }
export interface CassandraConfig { readonly host: string; readonly port: number; readonly keyspace: string; readonly dataCenter: string }

export const CATALOGS = ['local', 'glue'] as const;
export const ENGINES = ['duckdb', 'athena', 'trino'] as const;

export interface Config {
  readonly mysql: MysqlConfig | null;
  readonly postgres: PostgresConfig | null;
  readonly cassandra: CassandraConfig | null;
  readonly lakeUri: string;
  readonly s3Endpoint: string | null;
  readonly awsRegion: string;
  readonly catalog: (typeof CATALOGS)[number];
  readonly glueDatabase: string;
  readonly glueEndpoint: string | null;
  readonly queryEngine: (typeof ENGINES)[number];
  readonly athenaWorkgroup: string;
  /** Where Athena writes results; null = the workgroup's own location (checked before the first query). */
  readonly athenaOutput: string | null;
  /** An Athena-compatible endpoint (tests: moto); null = AWS. */
  readonly athenaEndpoint: string | null;
  /** Minutes Athena may reuse a previous identical query's result; 0 = never. */
  readonly athenaResultReuseMinutes: number;
  readonly trinoUrl: string;
  readonly trinoCatalog: string;
  readonly trinoSchema: string;
  readonly trinoUser: string;
  /** Sent with Basic authentication (Trino accepts passwords over HTTPS only). */
  readonly trinoPassword: string | null;
  readonly host: string;
  readonly port: number;
  readonly sensitiveColumns: readonly string[];
  /** Whether SENSITIVE_COLUMNS was set (then each entry must name a column: a typo would let one through). */
  readonly sensitiveColumnsGiven: boolean;
  /** API keys accepted by the API (x-api-key or Authorization: Bearer); empty = no key needed. */
  readonly apiKeys: readonly string[];
  /** Requests per minute per client; 0 = no limit. */
  readonly rateLimit: number;
  /** Origins allowed by CORS ('*' for any); empty = no CORS headers. */
  readonly corsOrigins: readonly string[];
  readonly requestTimeoutMs: number;
}

function configured(env: Env, hostVar: string): boolean {
  return env[hostVar] !== '';
}

export function parseConfig(env: Env): Config {
  const catalog = choice(env, 'CATALOG', CATALOGS, 'local');
  const glueDatabase = text(env, 'GLUE_DATABASE', '') || 'primac_analytics_db';
  const sensitive = columnList(env, 'SENSITIVE_COLUMNS', 'mysql.users.password');
  const config: Config = {
    mysql: configured(env, 'MYSQL_HOST')
      ? {
          host: text(env, 'MYSQL_HOST', '127.0.0.1'),
          port: port(env, 'MYSQL_PORT', 3306),
          database: text(env, 'MYSQL_DATABASE', 'primac'),
          user: text(env, 'MYSQL_USER', 'primac'),
          password: text(env, 'MYSQL_PASSWORD', 'primac'),
        }
      : null,
    postgres: configured(env, 'POSTGRES_HOST')
      ? {
          host: text(env, 'POSTGRES_HOST', '127.0.0.1'),
          port: port(env, 'POSTGRES_PORT', 5432),
          database: text(env, 'POSTGRES_DB', 'primac_postgres'),
          user: text(env, 'POSTGRES_USER', 'primac'),
          password: text(env, 'POSTGRES_PASSWORD', 'primac'),
        }
      : null,
    cassandra: configured(env, 'CASSANDRA_HOST')
      ? {
          host: text(env, 'CASSANDRA_HOST', '127.0.0.1'),
          port: port(env, 'CASSANDRA_PORT', 9042),
          keyspace: text(env, 'CASSANDRA_KEYSPACE', 'primac_db'),
          dataCenter: text(env, 'CASSANDRA_DC', 'datacenter1'),
        }
      : null,
    lakeUri: lakeUri(env),
    s3Endpoint: url(env, 'S3_ENDPOINT', null),
    awsRegion: text(env, 'AWS_REGION', '') || text(env, 'AWS_DEFAULT_REGION', '') || 'us-east-1',
    catalog,
    glueDatabase,
    glueEndpoint: url(env, 'GLUE_ENDPOINT', null),
    queryEngine: choice(env, 'QUERY_ENGINE', ENGINES, 'duckdb'),
    athenaWorkgroup: text(env, 'ATHENA_WORKGROUP', '') || 'primary',
    athenaOutput: s3Location(env, 'ATHENA_OUTPUT'),
    athenaEndpoint: url(env, 'ATHENA_ENDPOINT', null),
    // Athena's maximum is 7 days.
    athenaResultReuseMinutes: integer(env, 'ATHENA_RESULT_REUSE_MINUTES', 60, 0, 10_080),
    trinoUrl: url(env, 'TRINO_URL', 'http://127.0.0.1:8080') ?? 'http://127.0.0.1:8080',
    trinoCatalog: text(env, 'TRINO_CATALOG', '') || 'hive',
    // With the Glue catalog, Trino's Hive catalog reads the Glue database itself.
    trinoSchema: text(env, 'TRINO_SCHEMA', '') || (catalog === 'glue' ? glueDatabase : 'primac_analytics_db'),
    trinoUser: text(env, 'TRINO_USER', '') || 'primac',
    trinoPassword: text(env, 'TRINO_PASSWORD', '') || null,
    host: text(env, 'HOST', '') || '127.0.0.1',
    port: port(env, 'PORT', 8000),
    sensitiveColumns: Object.freeze(sensitive.items),
    sensitiveColumnsGiven: sensitive.given,
    apiKeys: Object.freeze(list(env, 'API_KEYS')),
    rateLimit: integer(env, 'RATE_LIMIT', 1200, 0, 10_000_000),
    corsOrigins: Object.freeze(list(env, 'CORS_ORIGINS')),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 30_000, 100, 3_600_000),
  };
  for (const part of [config.mysql, config.postgres, config.cassandra]) if (part) Object.freeze(part);
  checkEngine(config);
  return Object.freeze(config);
}

/** Athena reads the tables Glue describes, from S3: the other catalogs and lakes cannot serve it. */
function checkEngine(config: Config): void {
  if (config.queryEngine !== 'athena') return;
  if (config.catalog !== 'glue') {
    throw new PrimacError('CONFIG_INVALID', `QUERY_ENGINE=athena needs CATALOG=glue (Athena reads the tables of the Glue database GLUE_DATABASE); CATALOG=${JSON.stringify(config.catalog)} is not valid with it.`);
  }
  if (!config.lakeUri.startsWith('s3://')) {
    throw new PrimacError('CONFIG_INVALID', `QUERY_ENGINE=athena needs LAKE_URI=s3://bucket[/prefix] (Athena reads the lake from S3); LAKE_URI=${JSON.stringify(config.lakeUri)} is a local folder.`);
  }
}

/** The process environment over an optional `.env` in the working directory (the environment wins). */
export function readEnv(cwd = process.cwd(), env: Env = process.env): Env {
  const file = resolve(cwd, '.env');
  let fromFile: Record<string, string> = {};
  if (existsSync(file)) {
    try {
      fromFile = parseDotenv(readFileSync(file));
    } catch (error) {
      throw new PrimacError('CONFIG_INVALID', `The .env file in the working folder cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): it must be a readable file of NAME=value lines, or absent.`);
    }
  }
  return Object.freeze({ ...fromFile, ...env });
}

let cached: Config | undefined;

export function getConfig(): Config {
  cached ??= parseConfig(readEnv());
  return cached;
}
