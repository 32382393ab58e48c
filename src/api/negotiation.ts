/**
 * The Accept header: the analytics and data routes answer JSON (an analytics route with format=csv: CSV); a client
 * whose Accept header takes neither gets 406 rather than a type it said it cannot read. No header, or one with no
 * valid media range, takes anything.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './errors.ts';

interface Range { readonly type: string; readonly subtype: string; readonly q: number }

function ranges(header: string): Range[] {
  const out: Range[] = [];
  for (const part of header.split(',')) {
    const [media, ...params] = part.trim().split(';');
    const match = /^([\w.+*-]+)\/([\w.+*-]+)$/.exec(media?.trim() ?? '');
    if (!match) continue;
    const qParam = params.map((p) => p.trim()).find((p) => /^q=/i.test(p));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    out.push({ type: match[1]!.toLowerCase(), subtype: match[2]!.toLowerCase(), q: Number.isFinite(q) ? q : 0 });
  }
  return out;
}

/** Whether `header` accepts `mediaType`: the most specific range that matches it decides, by its q. */
export function accepts(header: string | undefined, mediaType: string): boolean {
  if (!header) return true;
  const all = ranges(header);
  if (all.length === 0) return true;
  const [type, subtype] = mediaType.split('/');
  const specificity = (r: Range) => (r.type === type && r.subtype === subtype ? 2 : r.type === type && r.subtype === '*' ? 1 : r.type === '*' && r.subtype === '*' ? 0 : -1);
  const best = all.filter((r) => specificity(r) >= 0).sort((a, b) => specificity(b) - specificity(a))[0];
  return best !== undefined && best.q > 0;
}

/** A route's onRequest hook: 406 when the client accepts none of what the route would answer. */
export function negotiate(answers: (request: FastifyRequest) => string) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const type = answers(request);
    if (!accepts(request.headers.accept, type)) {
      throw new ApiError('NOT_ACCEPTABLE', `This request is answered as ${type}, which the Accept header (${JSON.stringify(request.headers.accept!.slice(0, 100))}) does not take; send Accept: ${type} or */*${type === 'application/json' ? ', or ask an analytics route for format=csv&section=… with Accept: text/csv' : ''}.`);
    }
  };
}
