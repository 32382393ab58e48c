/**
 * Readiness = a protocol answer, not an open port. Each probe speaks the first bytes of its server's protocol
 * and resolves false on anything else (refused, closed, timed out, wrong reply).
 */
import { connect } from 'node:net';

function exchange(port: number, request: Buffer | null, accept: (reply: Buffer) => boolean | null, timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = connect({ host: '127.0.0.1', port });
    let received = Buffer.alloc(0);
    const finish = (ok: boolean) => {
      socket.destroy();
      resolvePromise(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.on('error', () => finish(false));
    socket.on('close', () => finish(false));
    socket.on('connect', () => { if (request) socket.write(request); });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const verdict = accept(received);
      if (verdict !== null) finish(verdict);
    });
  });
}

/** PostgreSQL: an SSLRequest is answered with a single 'S' or 'N'. */
export function probePostgres(port: number): Promise<boolean> {
  const request = Buffer.alloc(8);
  request.writeInt32BE(8, 0);
  request.writeInt32BE(80877103, 4);
  return exchange(port, request, (reply) => reply.length >= 1 ? reply[0] === 0x4e || reply[0] === 0x53 : null);
}

/** MySQL/MariaDB: the server speaks first, a handshake packet with protocol version 10. */
export function probeMysql(port: number): Promise<boolean> {
  return exchange(port, null, (reply) => (reply.length >= 5 ? reply[4] === 10 : null));
}

/** Cassandra native protocol v4: OPTIONS (opcode 0x05) is answered by SUPPORTED (opcode 0x06). */
export function probeCassandra(port: number): Promise<boolean> {
  const options = Buffer.from([0x04, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00]);
  return exchange(port, options, (reply) => (reply.length >= 5 ? reply[0] === 0x84 && reply[4] === 0x06 : null));
}

/** HTTP: a GET that answers 2xx. */
export async function probeHttp(url: string, timeoutMs = 1500): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/** True when something (anything) accepts connections on the port. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000, () => { socket.destroy(); resolvePromise(false); });
    socket.on('connect', () => { socket.destroy(); resolvePromise(true); });
    socket.on('error', () => resolvePromise(false));
  });
}

/**
 * Trino: a table scan that finishes (`/v1/info` and `SELECT 1` answer seconds before scans stop failing with
 * "No nodes available"), through the plain client protocol: POST the statement, follow nextUri to the end.
 */
export async function probeTrino(port: number, timeoutMs = 5000): Promise<boolean> {
  const deadline = AbortSignal.timeout(timeoutMs);
  const headers = { 'X-Trino-User': 'primac-probe' };
  try {
    let reply = await fetch(`http://127.0.0.1:${port}/v1/statement`, { method: 'POST', body: 'SELECT count(*) FROM tpch.tiny.region', headers, signal: deadline });
    let regions: unknown = null;
    for (;;) {
      if (!reply.ok) return false;
      const page = (await reply.json()) as { nextUri?: string; error?: unknown; data?: unknown[][] };
      if (page.error) return false;
      regions = page.data?.[0]?.[0] ?? regions;
      if (!page.nextUri) return regions === 5;
      reply = await fetch(page.nextUri, { headers, signal: deadline });
    }
  } catch {
    return false;
  }
}
