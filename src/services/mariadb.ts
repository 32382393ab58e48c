/** MariaDB from Debian (the MySQL protocol), as a private server under the services folder. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { PrimacError } from '../core/errors.ts';
import { asAccount, ownedFolder } from './accounts.ts';
import { firstExisting } from './debian.ts';
import { portInUse, probeMysql } from './probes.ts';
import { isAlive, livePid, readPid, run, spawnDetached, terminate, waitUntil } from './processes.ts';
import type { LocalService, ServiceContext } from './service.ts';

const server = () => firstExisting(['/usr/sbin/mariadbd', '/usr/sbin/mysqld']);
const installDb = () => firstExisting(['/usr/bin/mariadb-install-db', '/usr/bin/mysql_install_db']);
const client = () => firstExisting(['/usr/bin/mariadb', '/usr/bin/mysql']);

const port = (ctx: ServiceContext) => ctx.config.mysql?.port ?? 3306;
const socket = (ctx: ServiceContext) => `/tmp/primac-mariadb-${port(ctx)}.sock`;
const sqlString = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const sqlIdent = (s: string) => `\`${s.replace(/`/g, '``')}\``;

async function folder(ctx: ServiceContext) {
  const base = await ownedFolder(ctx, 'mariadb', 'mysql');
  return { base, data: join(base, 'data'), log: join(base, 'mariadb.log'), pid: join(base, 'mariadb.pid') };
}

async function createUserAndDatabase(ctx: ServiceContext): Promise<void> {
  const my = ctx.config.mysql;
  const user = sqlString(my?.user ?? 'primac');
  const password = sqlString(my?.password ?? 'primac');
  const database = sqlIdent(my?.database ?? 'primac');
  const statements = ['127.0.0.1', 'localhost'].flatMap((host) => [
    `CREATE USER IF NOT EXISTS ${user}@'${host}' IDENTIFIED BY ${password}`,
    `ALTER USER ${user}@'${host}' IDENTIFIED BY ${password}`,
    `GRANT ALL PRIVILEGES ON *.* TO ${user}@'${host}' WITH GRANT OPTION`,
  ]);
  statements.push(`CREATE DATABASE IF NOT EXISTS ${database} CHARACTER SET utf8mb4`);
  const admin = ctx.isRoot ? 'root' : userInfo().username;
  await run(client()!, ['--no-defaults', '-S', socket(ctx), '-u', admin, '-e', statements.join(';\n')]);
}

export const mariadbService: LocalService = {
  name: 'mariadb',
  description: 'MariaDB, MySQL protocol (users service)',
  port,
  async missingPackages() {
    return server() && installDb() && client() ? [] : ['mariadb-server'];
  },
  async prepare() {},
  where: (ctx) => join(ctx.root, 'mariadb'),
  pid: (ctx) => livePid(join(ctx.root, 'mariadb', 'mariadb.pid')),
  probe: (ctx) => probeMysql(port(ctx)),

  async start(ctx) {
    const binary = server();
    if (!binary || !installDb() || !client()) {
      throw new PrimacError('SERVICE_PREREQUISITE_MISSING', 'MariaDB server binaries not found. Install them: sudo apt-get install -y mariadb-server');
    }
    if (!(await this.probe(ctx))) {
      if (await portInUse(port(ctx))) throw new PrimacError('SERVICE_PORT_BUSY', `Port ${port(ctx)} is taken by something that is not MariaDB/MySQL. Free it or set MYSQL_PORT.`);
      const { data, log, pid } = await folder(ctx);
      if (!existsSync(join(data, 'mysql'))) {
        ctx.log('mariadb: creating the data directory (mariadb-install-db)');
        const [cmd, args] = asAccount(ctx, 'mysql', installDb()!, ['--no-defaults', `--datadir=${data}`, '--auth-root-authentication-method=socket', '--skip-test-db']);
        await run(cmd, args);
      }
      const args = [
        '--no-defaults', `--datadir=${data}`, `--socket=${socket(ctx)}`, `--port=${port(ctx)}`, '--bind-address=127.0.0.1',
        `--pid-file=${pid}`, `--log-error=${log}`, '--character-set-server=utf8mb4', '--local-infile=1',
        '--max-allowed-packet=256M', '--innodb-buffer-pool-size=256M', '--innodb-flush-log-at-trx-commit=2',
        '--skip-log-bin', ...(ctx.isRoot ? ['--user=mysql'] : []),
      ];
      spawnDetached(binary, args, { logFile: log });
      await waitUntil(() => this.probe(ctx), 'MariaDB', { timeoutMs: 60_000, logFile: log });
    }
    await createUserAndDatabase(ctx);
  },

  async stop(ctx) {
    const { pid } = await folder(ctx);
    if (isAlive(readPid(pid))) await terminate(pid, 60_000);
  },
};
