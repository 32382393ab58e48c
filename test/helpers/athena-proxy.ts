/**
 * A recording proxy in front of moto's Athena (JSON protocol, X-Amz-Target: AmazonAthena.<Operation>). Every call
 * is recorded (operation, body, time) and forwarded to moto; a test may answer a call itself (`before`: errors,
 * throttling) or rewrite moto's answer (`after`: FAILED states, paging) for what moto cannot script.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MOTO } from './lake.ts';

export interface AthenaCall { readonly operation: string; readonly body: any; readonly at: number }
export interface Answer { readonly status: number; readonly body: unknown }

export interface AthenaProxy {
  readonly endpoint: string;
  readonly calls: AthenaCall[];
  before?: (call: AthenaCall, nth: number) => Answer | undefined;
  after?: (call: AthenaCall, answer: Answer) => Answer;
  of(operation: string): AthenaCall[];
  reset(): void;
  close(): Promise<void>;
}

function forwardHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && !['host', 'content-length', 'connection'].includes(k)) out[k] = String(v);
  return out;
}

export async function startAthenaProxy(): Promise<AthenaProxy> {
  const proxy: AthenaProxy = {
    endpoint: '',
    calls: [],
    of: (operation) => proxy.calls.filter((c) => c.operation === operation),
    reset() { proxy.calls.length = 0; proxy.before = undefined; proxy.after = undefined; },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const operation = String(req.headers['x-amz-target'] ?? '').replace(/^AmazonAthena\./, '');
    const call: AthenaCall = { operation, body: text ? JSON.parse(text) : {}, at: performance.now() };
    proxy.calls.push(call);
    let answer = proxy.before?.(call, proxy.of(operation).length);
    if (!answer) {
      const upstream = await fetch(`${MOTO}${req.url}`, { method: req.method, headers: forwardHeaders(req.headers), body: text });
      const body = await upstream.text();
      answer = { status: upstream.status, body: body ? JSON.parse(body) : {} };
      if (proxy.after && upstream.ok) answer = proxy.after(call, answer);
    }
    res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.1' });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  (proxy as { endpoint: string }).endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}

/** An AWS JSON-protocol error as Athena sends it. */
export const awsError = (type: string, message: string, status = 400, extra: Record<string, unknown> = {}): Answer => ({ status, body: { __type: type, Message: message, ...extra } });

/** moto's test API: queue the results the next query returns (rows as Athena's Datum lists). */
export async function queueAthenaResult(rows: (string | null)[][], columns: { name: string; type: string; precision?: number; scale?: number }[]): Promise<void> {
  const body = {
    account_id: '123456789012',
    region: 'us-east-1',
    results: [{
      rows: rows.map((r) => ({ Data: r.map((v) => (v === null ? {} : { VarCharValue: v })) })),
      column_info: columns.map((c) => ({ CatalogName: 'hive', SchemaName: '', TableName: '', Name: c.name, Label: c.name, Type: c.type, Precision: c.precision ?? 0, Scale: c.scale ?? 0, Nullable: 'UNKNOWN', CaseSensitive: c.type === 'varchar' })),
    }],
  };
  const res = await fetch(`${MOTO}/moto-api/static/athena/query-results`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`moto refused the canned Athena result: ${res.status}`);
}

/** moto's state manager: each query stays in each state (QUEUED, RUNNING) for `times` polls; null restores "at once". */
export async function athenaPollsPerState(times: number | null): Promise<void> {
  const path = times === null ? 'unset-transition' : 'set-transition';
  const body = times === null ? { model_name: 'athena::execution' } : { model_name: 'athena::execution', transition: { progression: 'manual', times } };
  const res = await fetch(`${MOTO}/moto-api/state-manager/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`moto refused the state transition: ${res.status}`);
}
