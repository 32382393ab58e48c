/** PostgreSQL from Debian, as a private cluster under the services folder (initdb + pg_ctl). */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PrimacError } from '../core/errors.ts';
import { asAccount, ownedFolder } from './accounts.ts';
import { isInstalled } from './debian.ts';
import { portInUse, probePostgres } from './probes.ts';
import { livePid, run } from './processes.ts';
import type { LocalService, ServiceContext } from './service.ts';

function binDir(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(base, versions[0], 'bin') : null;
}

function requireBin(): string {
  const dir = binDir();
  if (!dir) throw new PrimacError('SERVICE_PREREQUISITE_MISSING', 'PostgreSQL server binaries (initdb, pg_ctl) not found. Install them: sudo apt-get install -y postgresql');
  return dir;
}

const port = (ctx: ServiceContext) => ctx.config.postgres?.port ?? 5432;
const socketDir = (ctx: ServiceContext) => `/tmp/primac-postgres-${port(ctx)}`;
const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;
const quoteLiteral = (s: string) => `'${s.replace(/'/g, "''")}'`;

async function folder(ctx: ServiceContext) {
  const base = await ownedFolder(ctx, 'postgres', 'postgres');
  return { base, data: join(base, 'data'), log: join(base, 'postgres.log') };
}

async function createUserAndDatabase(ctx: ServiceContext, bin: string): Promise<void> {
  const pg = ctx.config.postgres;
  const user = pg?.user ?? 'primac';
  const password = pg?.password ?? 'primac';
  const database = pg?.database ?? 'primac_postgres';
  const psql = (sql: string) => {
    const [cmd, args] = asAccount(ctx, 'postgres', join(bin, 'psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', socketDir(ctx), '-p', String(port(ctx)), '-U', 'postgres', '-d', 'postgres', '-tA', '-c', sql]);
    return run(cmd, args);
  };
  await psql(`DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${quoteLiteral(user)}) THEN
      CREATE ROLE ${quoteIdent(user)} LOGIN CREATEDB PASSWORD ${quoteLiteral(password)};
    ELSE
      ALTER ROLE ${quoteIdent(user)} LOGIN CREATEDB PASSWORD ${quoteLiteral(password)};
    END IF; END $$;`);
  const exists = await psql(`SELECT 1 FROM pg_database WHERE datname = ${quoteLiteral(database)}`);
  if (exists.stdout.trim() !== '1') await psql(`CREATE DATABASE ${quoteIdent(database)} OWNER ${quoteIdent(user)}`);
}

export const postgresService: LocalService = {
  name: 'postgres',
  description: 'PostgreSQL (policies service)',
  port,
  async missingPackages() {
    return binDir() && (await isInstalled('postgresql-client-common')) ? [] : ['postgresql'];
  },
  async prepare() {},
  where: (ctx) => join(ctx.root, 'postgres'),
  pid: (ctx) => livePid(join(ctx.root, 'postgres', 'data', 'postmaster.pid')),
  probe: (ctx) => probePostgres(port(ctx)),

  async start(ctx) {
    const bin = requireBin();
    if (!(await this.probe(ctx))) {
      if (await portInUse(port(ctx))) throw new PrimacError('SERVICE_PORT_BUSY', `Port ${port(ctx)} is taken by something that is not PostgreSQL. Free it or set POSTGRES_PORT.`);
      const { data, log } = await folder(ctx);
      mkdirSync(socketDir(ctx), { recursive: true });
      if (ctx.isRoot) await run('chown', ['postgres:', socketDir(ctx)]);
      if (!existsSync(join(data, 'PG_VERSION'))) {
        ctx.log('postgres: creating the cluster (initdb)');
        const [cmd, args] = asAccount(ctx, 'postgres', join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--auth-local=trust', '--auth-host=scram-sha-256']);
        await run(cmd, args);
      }
      const options = `-p ${port(ctx)} -k ${socketDir(ctx)} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_wal_size=2GB -c shared_buffers=256MB`;
      const [cmd, args] = asAccount(ctx, 'postgres', join(bin, 'pg_ctl'), ['-D', data, '-l', log, '-w', '-t', '60', '-o', options, 'start']);
      await run(cmd, args);
    }
    await createUserAndDatabase(ctx, bin);
  },

  async stop(ctx) {
    const bin = binDir();
    const { data } = await folder(ctx);
    if (!bin || !existsSync(join(data, 'postmaster.pid'))) return;
    const [cmd, args] = asAccount(ctx, 'postgres', join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
    await run(cmd, args, { allowFailure: true });
  },
};
