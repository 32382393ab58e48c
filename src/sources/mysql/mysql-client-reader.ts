/**
 * The fast MySQL path: the server formats each value (text quoted CSV-style, booleans, hex binaries) and the
 * `mariadb`/`mysql` client streams it unbuffered (--quick --raw) straight into DuckDB; no row passes through
 * JavaScript. The count and the rows come from one consistent-snapshot transaction in the same session.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
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

/** The server-side expression whose text DuckDB reads back exactly (NULL prints as an unquoted NULL). */
function serverExpression(column: ColumnSchema): string {
  const id = ident(column.name);
  switch (column.type.kind) {
    case 'string': case 'uuid': return `CONCAT('"', REPLACE(${id}, '"', '""'), '"')`;
    case 'boolean': return `IF(${id} IS NULL, NULL, IF(${id} <> 0, 'true', 'false'))`;
    // MySQL's zero dates are not dates: NULL (documented).
    case 'date': case 'timestamp': case 'timestamptz': return `IF(CAST(${id} AS CHAR) LIKE '0000-00-00%', NULL, ${id})`;
    case 'binary': return `HEX(${id})`;
    default: return id;
  }
}

/** Takes the first line (the count) off the client's output and passes the rest through. */
class FirstLine extends Transform {
  line: string | null = null;
  private head = '';

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.line !== null) return done(null, chunk);
    const text = this.head + chunk.toString('latin1');
    const end = text.indexOf('\n');
    if (end < 0) {
      this.head = text;
      return done();
    }
    this.line = text.slice(0, end);
    done(null, Buffer.from(text.slice(end + 1), 'latin1'));
  }
}

export class MysqlClientError extends Error {
  constructor(readonly stderr: string, readonly exitCode: number | null) {
    super(stderr.trim().split('\n').pop() || `the MySQL client exited with ${exitCode}`);
  }
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
  const child = spawn(binary, ['--no-defaults', '--protocol=TCP', '-h', config.host, '-P', String(config.port), '-u', config.user, '-D', config.database,
    '--default-character-set=utf8mb4', '--quick', '--batch', '--raw', '--skip-column-names', '-e', script], {
    // The password travels in the environment, never on a command line that `ps` shows.
    env: { ...process.env, MYSQL_PWD: config.password }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  const first = new FirstLine();
  try {
    const rows = await sink.fromCsv(child.stdout.pipe(first), { delimiter: '\t', nullText: 'NULL' });
    const code = await exited;
    if (code !== 0) throw new MysqlClientError(stderr, code);
    return { rows, count: Number(first.line) };
  } catch (error) {
    child.kill('SIGKILL');
    const code = await exited.catch(() => null);
    if (code !== 0 && stderr) throw new MysqlClientError(stderr, code);
    throw error;
  }
}
