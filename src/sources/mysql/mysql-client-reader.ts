/**
 * The fast MySQL path: the server quotes text CSV-style and hex-encodes binaries, and the
 * `mariadb`/`mysql` client streams it unbuffered (--quick --raw) straight into DuckDB's named pipe; no row passes
 * through JavaScript. The count and the rows come from one consistent-snapshot transaction in the same session.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import type { MysqlConfig } from '../../config/config.ts';
import type { ColumnSchema, TableSchema } from '../../core/table-model.ts';
import type { PartSink } from '../source.ts';

export function mysqlClientBinary(): string | null {
  for (const dir of (process.env.PATH ?? '').split(':').filter(Boolean)) {
    for (const name of ['mariadb', 'mysql']) if (existsSync(`${dir}/${name}`)) return `${dir}/${name}`;
  }
  return null;
}

const ident = (name: string) => `\`${name.replace(/`/g, '``')}\``;

/**
 * True for an ENUM or SET whose every label reads back exactly unquoted (no tab, line break or quote; not NULL), so
 * the server's REPLACE can be spared (it is most of its cost). The error value '' reads back as ''.
 */
export function plainLabels(columnType: string): boolean {
  const list = /^(?:enum|set)\((.*)\)$/is.exec(columnType)?.[1];
  if (list === undefined) return false;
  const labels = [...list.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replace(/''/g, "'"));
  return labels.length > 0 && labels.every((label) => label !== 'NULL' && !/[\t\r\n"]/.test(label));
}

/**
 * The server-side expression whose text DuckDB reads back exactly (NULL prints as an unquoted NULL). Only text needs
 * the server's help; booleans and zero dates are DuckDB's work (MYSQL_TEXT): a per-row IF on the server cost 0.3 s
 * of its CPU per 400k users, more than the client's whole read.
 */
function serverExpression(column: ColumnSchema): string {
  const id = ident(column.name);
  switch (column.type.kind) {
    case 'string': case 'uuid': return plainLabels(column.nativeType) ? id : `CONCAT('"', REPLACE(${id}, '"', '""'), '"')`;
    case 'binary': return `HEX(${id})`;
    default: return id;
  }
}

/** MySQL's own spellings, read by DuckDB: TINYINT(1) as integers, zero dates (not dates: NULL, documented). */
export const MYSQL_TEXT = { zeroDatesAsNull: true, booleansAsIntegers: true } as const;

export class MysqlClientError extends Error {
  constructor(readonly stderr: string, readonly exitCode: number | null) {
    super(stderr.trim().split('\n').pop() || `the MySQL client exited with ${exitCode}`);
  }
}

/**
 * The shell glue between the client and DuckDB's named pipe: the first line (the count) is taken off with `read`
 * and reported on fd 3 with the client's exit status; `cat` copies the rest into the pipe (about 30× cheaper than a
 * hop through JavaScript, which cost 0.3-0.4 s per 400k rows). A watchdog kills the whole group when its stdin (held
 * by this process, never written) reaches EOF: if this process dies, nothing is left blocked on the pipe holding the
 * client's snapshot open.
 */
const GLUE = [
  'pipe=$1; shift; exec 4<&0',
  '( read -r _ <&4; kill -KILL 0 ) </dev/null >/dev/null 2>&1 &',
  '{ { "$@" 4<&-; echo "status $?" >&3; } | { IFS= read -r n; echo "count $n" >&3; exec cat >"$pipe" 4<&-; }; } 3>&1 </dev/null',
].join('\n');

/** Starts the glue in its own process group (see GLUE); the password travels in the environment, never in `ps`. */
export function spawnGlue(pipe: string, binary: string, args: readonly string[], password: string): ChildProcessByStdio<Writable, Readable, Readable> {
  return spawn('sh', ['-c', GLUE, 'sh', pipe, binary, ...args], {
    env: { ...process.env, MYSQL_PWD: password }, stdio: ['pipe', 'pipe', 'pipe'], detached: true,
  });
}

export async function readWithClient(binary: string, config: MysqlConfig, table: TableSchema, columns: readonly ColumnSchema[], sink: PartSink): Promise<{ rows: number; count: number }> {
  const script = [
    "SET SESSION time_zone = '+00:00'",
    'SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ',
    'START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY',
    `SELECT COUNT(*) FROM ${ident(table.name)}`,
    `SELECT ${columns.map(serverExpression).join(', ')} FROM ${ident(table.name)}`,
    'COMMIT',
  ].join(';\n');
  const args = ['--no-defaults', '--protocol=TCP', '-h', config.host, '-P', String(config.port), '-u', config.user, '-D', config.database,
    '--default-character-set=utf8mb4', '--quick', '--batch', '--raw', '--skip-column-names', '-e', script];
  let count = Number.NaN;
  const feed = (pipe: string) => new Promise<void>((resolve, reject) => {
    const child = spawnGlue(pipe, binary, args, config.password);
    let stderr = '';
    let report = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.stdout.on('data', (d: Buffer) => { report += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => {
      // Releases the watchdog, the last of the group.
      child.stdin.destroy();
      stop = () => {};
      const status = /^status (\d+)$/m.exec(report)?.[1];
      count = Number(/^count (\d+)$/m.exec(report)?.[1] ?? Number.NaN);
      if (code === 0 && status === '0') resolve();
      else reject(new MysqlClientError(stderr, status === undefined ? code : Number(status)));
    });
    stop = () => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ } };
  });
  // Kills whatever is left of the glue if DuckDB gave up first; a no-op once it has exited.
  let stop = () => {};
  try {
    const rows = await sink.fromCsv(feed, { ...MYSQL_TEXT, delimiter: '\t', nullText: 'NULL' });
    return { rows, count };
  } finally {
    stop();
  }
}
