/**
 * DuckDB's postgres and mysql scanners, when they can be had: already installed, installed from DuckDB's
 * extension repository (internet), or from their PyPI repackaging (the only registry some machines reach), which
 * must match the DuckDB version exactly. Callers fall back to a portable path when this returns a reason instead.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { run } from '../../services/processes.ts';
import { quoteString } from './duckdb-types.ts';

export type ScannerName = 'postgres' | 'mysql';
const PYPI_PACKAGE: Record<ScannerName, string> = { postgres: 'duckdb-extension-postgres-scanner', mysql: 'duckdb-extension-mysql-scanner' };
const FILE_NAME: Record<ScannerName, string> = { postgres: 'postgres_scanner.duckdb_extension', mysql: 'mysql_scanner.duckdb_extension' };

export type ScannerAvailability = { readonly ok: true; readonly origin: string } | { readonly ok: false; readonly reason: string };

const attempts = new Map<string, Promise<string | null>>();

async function tryRun(connection: DuckDBConnection, sql: string): Promise<string | null> {
  try {
    await connection.run(sql);
    return null;
  } catch (error) {
    return (error as Error).message.split('\n')[0] ?? 'failed';
  }
}

function findFile(dir: string, name: string): string | null {
  if (!existsSync(dir)) return null;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name === name) return join(entry.parentPath, entry.name);
  }
  return null;
}

/** Downloads the PyPI wheel once per machine and unpacks it; resolves to the extension file. */
async function fromPyPI(name: ScannerName, duckdbVersion: string, cache: string): Promise<string> {
  const dir = join(cache, 'duckdb-extensions', `${name}-${duckdbVersion}`);
  const existing = findFile(dir, FILE_NAME[name]);
  if (existing) return existing;
  mkdirSync(dir, { recursive: true });
  await run('python3', ['-m', 'pip', 'download', '-q', '--no-deps', '--disable-pip-version-check', '-d', dir, `${PYPI_PACKAGE[name]}==${duckdbVersion}`]);
  await run('python3', ['-c', 'import sys, zipfile, glob\nfor w in glob.glob(sys.argv[1] + "/*.whl"): zipfile.ZipFile(w).extractall(sys.argv[1])', dir]);
  const file = findFile(dir, FILE_NAME[name]);
  if (!file) throw new Error(`${PYPI_PACKAGE[name]}==${duckdbVersion} holds no ${FILE_NAME[name]}`);
  return file;
}

export async function loadScanner(connection: DuckDBConnection, name: ScannerName, cache: string): Promise<ScannerAvailability> {
  const version = String((await connection.runAndReadAll('SELECT version()')).getRows()[0]?.[0]);
  const bare = version.replace(/^v/, '');
  // A copy fetched earlier from PyPI first, then one installed in DuckDB's own folder, without DuckDB's automatic
  // download (offline it costs half a second to fail).
  const cached = findFile(join(cache, 'duckdb-extensions', `${name}-${bare}`), FILE_NAME[name]);
  if (cached && (await tryRun(connection, `LOAD ${quoteString(cached)}`)) === null) return { ok: true, origin: `PyPI ${PYPI_PACKAGE[name]}==${bare}` };
  await tryRun(connection, 'SET autoinstall_known_extensions = false');
  if ((await tryRun(connection, `LOAD ${name}`)) === null) return { ok: true, origin: 'installed' };
  const key = `${name}@${bare}`;
  // One attempt per process: INSTALL without internet fails the same way every time.
  let attempt = attempts.get(key);
  if (!attempt) {
    attempt = (async () => {
      if (process.env.PRIMAC_DUCKDB_INSTALL !== '0' && (await tryRun(connection, `INSTALL ${name}`)) === null) return null;
      return fromPyPI(name, bare, cache);
    })().catch(() => null);
    attempts.set(key, attempt);
  }
  const file = await attempt;
  if (file === null) {
    const loaded = await tryRun(connection, `LOAD ${name}`);
    return loaded === null ? { ok: true, origin: 'DuckDB repository' } : { ok: false, reason: `the ${name} extension for DuckDB ${version} could not be installed` };
  }
  const loaded = await tryRun(connection, `LOAD ${quoteString(file)}`);
  return loaded === null ? { ok: true, origin: `PyPI ${PYPI_PACKAGE[name]}==${bare}` } : { ok: false, reason: loaded };
}
