/**
 * The Cassandra source (claims and payments). Cassandra has no snapshots: a table is read token range by token
 * range with paging, and its count at read time is the rows the server returned for each range. (A separate
 * count(*) would be taken at another instant — under live writes it would disagree by design — and it cost a
 * second full scan on the server: 2.2 s for 400k rows beside a 5–6 s read.)
 */
import cassandra from 'cassandra-driver';
import type { CassandraConfig } from '../../config/config.ts';
import type { ColumnSchema, TableSchema } from '../../core/table-model.ts';
import { isBrokenPipe, RFC4180 } from '../../lake/parquet/lake-writer.ts';
import { DecimalSizing, DecimalTooWide } from '../decimal-sizing.ts';
import { PipeFeed } from '../pipe-feed.ts';
import type { Source } from '../source.ts';
import { cassandraError } from './cassandra-errors.ts';
import { driverPageRows, rawPageRows } from './cassandra-page-rows.ts';
import { cassandraLogicalType } from './cassandra-types.ts';
import { installRawRows } from './cql-raw-rows.ts';
import { installShutdownFix, shutdownClient } from './driver-shutdown-fix.ts';

const RANGES = 32;
const PARALLEL_RANGES = 4;
/**
 * Pages hold about PAGE_BYTES of rows (as CSV text), between 100 and 5,000 rows: wide rows get smaller pages, so
 * that the driver's buffers and each page's text stay small whatever a row's width (the audit table's 1.1M rows at
 * 5,000 per page peaked at 287-310 MB RSS, at ~2,000 per page 271 MB, at the same speed).
 */
const PAGE_BYTES = 512 * 1024;
class PageSizing {
  private bytes = 0;
  private seen = 0;
  saw(bytes: number, rows: number): void { this.bytes += bytes; this.seen += rows; }
  rows(): number {
    if (this.seen === 0) return 2000;
    return Math.max(100, Math.min(5000, Math.round(PAGE_BYTES / (this.bytes / this.seen))));
  }
}
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const { Long } = cassandra.types;

interface CassandraTable extends TableSchema { readonly partitionKey: readonly string[]; readonly cqlTypes: Readonly<Record<string, string>> }

/** Murmur3 token ring split into `n` contiguous ranges (lo, hi]; the first one starts at the minimum, inclusive. */
export function tokenRanges(n: number): { lo: bigint; hi: bigint; first: boolean }[] {
  const min = -(2n ** 63n);
  const max = 2n ** 63n - 1n;
  const step = (max - min) / BigInt(n);
  return Array.from({ length: n }, (_, i) => ({ lo: min + step * BigInt(i), hi: i === n - 1 ? max : min + step * BigInt(i + 1), first: i === 0 }));
}

/** `rawRows`: rows encoded from the protocol's bytes (cql-raw-rows.ts) rather than from the driver's Row objects. */
export function createCassandraSource(config: CassandraConfig, options: { rawRows: boolean } = { rawRows: true }): Source {
  installShutdownFix();
  const location = `${config.host}:${config.port}/${config.keyspace}`;
  let client: cassandra.Client | null = null;
  const connected = async () => {
    if (!client) {
      const c = new cassandra.Client({
        contactPoints: [`${config.host}:${config.port}`], localDataCenter: config.dataCenter, keyspace: config.keyspace,
        socketOptions: { readTimeout: 120_000, connectTimeout: 10_000 },
      });
      // A host the driver replaces (it re-creates them when it reconnects after losing every connection) is not shut
      // down by the driver (4.10): its pool would keep a socket and reconnection timers alive, and the process with them.
      c.on('hostRemove', (host: cassandra.Host) => { void (host as unknown as { shutdown(wait: boolean): Promise<void> }).shutdown(false).catch(() => undefined); });
      try {
        await c.connect();
      } catch (error) {
        await shutdownClient(c).catch(() => undefined);
        throw cassandraError(error, { location });
      }
      client = c;
    }
    return client;
  };

  return {
    name: 'cassandra',
    capabilities: { snapshotReads: false },
    location,
    async discover() {
      const c = await connected();
      try {
        const result = await c.execute('SELECT table_name, column_name, type, kind, position FROM system_schema.columns WHERE keyspace_name = ?', [config.keyspace], { prepare: true });
        const tables = new Map<string, { columns: (ColumnSchema & { kind: string; position: number })[]; cql: Record<string, string> }>();
        for (const r of result.rows) {
          const entry = tables.get(r.table_name) ?? { columns: [], cql: {} };
          entry.columns.push({ name: r.column_name, type: cassandraLogicalType(r.type), nullable: r.kind === 'regular' || r.kind === 'static', nativeType: r.type, kind: r.kind, position: r.position });
          entry.cql[r.column_name] = r.type;
          tables.set(r.table_name, entry);
        }
        const rank = (k: string) => ({ partition_key: 0, clustering: 1, static: 2, regular: 3 })[k] ?? 4;
        return [...tables].sort(([a], [b]) => a.localeCompare(b)).map(([name, t]): CassandraTable => {
          // Key columns first in key order, then the others by name (Cassandra's own SELECT * order).
          const ordered = [...t.columns].sort((a, b) => rank(a.kind) - rank(b.kind) || (rank(a.kind) < 2 ? a.position - b.position : a.name.localeCompare(b.name)));
          const keys = ordered.filter((c) => c.kind === 'partition_key' || c.kind === 'clustering');
          return {
            source: 'cassandra', name,
            columns: ordered.map(({ name: n, type, nullable, nativeType }) => ({ name: n, type, nullable, nativeType })),
            primaryKey: keys.map((c) => c.name), partitionKey: keys.filter((c) => c.kind === 'partition_key').map((c) => c.name), cqlTypes: t.cql,
          };
        });
      } catch (error) {
        throw cassandraError(error, { location });
      }
    },
    async extract(table, columns, sink) {
      const t = table as CassandraTable;
      const c = await connected();
      const token = `token(${t.partitionKey.map(quote).join(', ')})`;
      const where = (first: boolean) => `${token} ${first ? '>=' : '>'} ? AND ${token} <= ?`;
      const select = `SELECT ${columns.map((col) => quote(col.name)).join(', ')} FROM ${quote(t.name)} WHERE `;
      const raw = options.rawRows && installRawRows();
      const pageRows = (sizing: DecimalSizing, feed: PipeFeed) => (raw ? rawPageRows(columns, t.cqlTypes, sizing, () => feed.buffer()) : driverPageRows(columns, t.cqlTypes, sizing));

      /** One full read of the table; decimals of any scale sized by `sizing` (see decimal-sizing.ts). */
      const read = async (sizing: DecimalSizing) => {
        // Several token ranges are read at once into one bounded feed (whole pages per write, so rows never mix).
        const feed = new PipeFeed(PAGE_BYTES + PAGE_BYTES / 2, 1024 * 1024);
        const pages = new PageSizing();
        let sourceCount = 0;
        let stopped = false;
        const abort = new AbortController();
        let sized!: () => void;
        const settled = new Promise<void>((resolve) => { sized = resolve; });
        const readRange = async (range: ReturnType<typeof tokenRanges>[number]) => {
          const params = [Long.fromString(range.lo.toString()), Long.fromString(range.hi.toString())];
          const rows = pageRows(sizing, feed);
          type Page = { pageState?: string | null };
          await new Promise<void>((resolve, reject) => {
            const page = (pageState?: string) => c.eachRow(select + where(range.first), params,
              { prepare: true, fetchSize: pages.rows(), autoPage: false, ...(pageState ? { pageState } : {}) },
              rows.onRow, (error, result) => { void done(error, result as unknown as Page); });
            const done = async (error: unknown, result: Page) => {
              try {
                if (error) throw error;
                const taken = rows.take();
                if (taken.lines && !sizing.settled) {
                  sizing.settle();
                  sized();
                }
                sourceCount += taken.rows;
                pages.saw(taken.length, taken.rows);
                if (taken.lines) {
                  feed.push(taken.lines, taken.length);
                  await feed.room(abort.signal);
                }
                if (stopped || !result.pageState) return resolve();
                page(result.pageState);
              } catch (e) {
                reject(e);
              }
            };
            page();
          });
        };
        const ranges = tokenRanges(RANGES);
        const readers = Promise.all(Array.from({ length: PARALLEL_RANGES }, async () => {
          for (let range = ranges.shift(); range && !stopped; range = ranges.shift()) await readRange(range);
        })).then(() => {
          sizing.settle();
          sized();
          feed.end();
        }, (error) => {
          stopped = true;
          sized();
          feed.fail(error as Error);
          throw error;
        });
        // The lake's types are known once the first page has been sized.
        const written = settled.then(() => sink.fromCsv(feed.feeder, { ...RFC4180, instantsAsEpochMillis: true, narrowDecimals: sizing.narrow() }, sizing.written()));
        try {
          const [rows] = await Promise.all([written, readers]);
          return { rowsRead: rows, sourceCount, columns: sizing.written() };
        } catch (error) {
          // Stop the readers (even one waiting for room in a feed nobody reads any more), then report the first
          // failure; a broken pipe only says that DuckDB stopped reading, and DuckDB's own error says why.
          stopped = true;
          abort.abort();
          const readerError = await readers.then(() => null, (e: unknown) => e);
          const writeError = await written.then(() => null, (e: unknown) => e);
          if (readerError instanceof DecimalTooWide) throw readerError;
          throw isBrokenPipe(error) && writeError ? writeError : error;
        }
      };

      const path = `driver paging over ${RANGES} token ranges, ${PARALLEL_RANGES} at a time → ${raw ? 'row bytes' : 'driver rows'} → CSV → DuckDB${options.rawRows && !raw ? ' (the row-bytes hook does not fit this driver version)' : ''}`;
      try {
        try {
          return { ...(await read(new DecimalSizing(columns))), path };
        } catch (error) {
          if (!(error instanceof DecimalTooWide)) throw error;
          return { ...(await read(new DecimalSizing(columns, false))), path: `${path} (read twice: ${error.message})` };
        }
      } catch (error) {
        throw cassandraError(error, { location, table: table.name });
      }
    },
    async close() {
      if (client) await shutdownClient(client);
      client = null;
    },
  };
}
