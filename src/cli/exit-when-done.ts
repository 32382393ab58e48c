/**
 * A command that ends (everything but `serve`) exits once its work is done, even when a driver left a socket or a
 * timer behind: cassandra-driver 4.10 keeps reconnecting after a failed connect to a wrong data centre, and would
 * keep `primac ingest` (a cron job, a Kubernetes Job) alive for good. Output is written by then; the grace lets a
 * clean exit happen first.
 */
export const EXIT_GRACE_MS = 2000;

export function exitWhenDone(graceMs = EXIT_GRACE_MS): void {
  setTimeout(() => process.exit(), graceMs).unref();
}
