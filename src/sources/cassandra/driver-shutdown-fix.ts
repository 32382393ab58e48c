/**
 * A fix for cassandra-driver 4.10 (version pinned in package.json): when the client shuts down while its control
 * connection is reconnecting (e.g. right after the server dropped a connection mid-read), the reconnection finishes
 * afterwards, re-creates the hosts and their pools, and keeps their sockets alive for good: `primac ingest` would
 * never exit, and a scheduled run (--every) would leak them at every failure. Here the control connection
 * reconnects one at a time, and the client shuts down once no reconnection is in flight (waiting at most SETTLE_MS). Installed once; nothing is changed when the driver's internals are not the expected ones.
 */
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import type cassandra from 'cassandra-driver';

const REFRESHING = Symbol('primac.cassandra.refreshing');
const SETTLE_MS = 10_000;
interface ControlLike { [REFRESHING]?: Promise<void> | null }

let installed = false;

export function installShutdownFix(): void {
  if (installed) return;
  installed = true;
  let Control: { prototype: Record<string, unknown> };
  try {
    Control = createRequire(import.meta.url)('cassandra-driver/lib/control-connection.js') as typeof Control;
  } catch {
    return;
  }
  const refresh = Control?.prototype?._refresh as ((this: ControlLike, hostIterator?: unknown) => Promise<void>) | undefined;
  if (typeof refresh !== 'function') return;
  // One reconnection at a time: the host going down is reported twice, and two concurrent reconnections each
  // re-create the hosts, leaving the first one's pool (and its socket) outside the client. A call with a host
  // iterator is the reconnection retrying itself, and goes through.
  Control.prototype._refresh = function (this: ControlLike, hostIterator?: unknown) {
    if (hostIterator !== undefined) return refresh.call(this, hostIterator);
    this[REFRESHING] ??= refresh.call(this).finally(() => { this[REFRESHING] = null; });
    return this[REFRESHING];
  };
}

/** Shuts the client down once its control connection is not reconnecting. */
export async function shutdownClient(client: cassandra.Client): Promise<void> {
  const control = (client as unknown as { controlConnection?: ControlLike }).controlConnection;
  const refreshing = control?.[REFRESHING];
  if (refreshing) await Promise.race([refreshing.catch(() => undefined), sleep(SETTLE_MS)]);
  await client.shutdown();
}
