/** Seeding progress: one bar per table on a terminal, nothing in between otherwise (the summary says it all). */
import cliProgress from 'cli-progress';

export interface Progress {
  start(table: string, total: number | null): void;
  advance(table: string, rows: number): void;
  stop(): void;
}

export const silentProgress: Progress = { start() {}, advance() {}, stop() {} };

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return silentProgress;
  const bars = new cliProgress.MultiBar({
    stream, hideCursor: true, clearOnComplete: false, etaBuffer: 50,
    format: '{table} [{bar}] {percentage}% {value}/{total} rows | {eta_formatted}',
  }, cliProgress.Presets.shades_classic);
  const byTable = new Map<string, { bar: cliProgress.SingleBar; done: number; known: boolean }>();
  return {
    start(table, total) {
      byTable.set(table, { bar: bars.create(total ?? 1, 0, { table: table.padEnd(28) }), done: 0, known: total !== null });
    },
    advance(table, rows) {
      const entry = byTable.get(table);
      if (!entry) return;
      entry.done += rows;
      // Tables with a variable number of rows per generator index grow their total as they go.
      if (!entry.known) entry.bar.setTotal(entry.done + 1);
      entry.bar.update(entry.done);
    },
    stop: () => bars.stop(),
  };
}
