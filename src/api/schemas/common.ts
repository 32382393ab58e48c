/** Building blocks of the response schemas (TypeBox → JSON Schema → OpenAPI). */
import { Type, type TSchema } from 'typebox';

export const Count = (description: string) => Type.Integer({ minimum: 0, description });
export const Money = (description: string) => Type.Union([Type.Number(), Type.Null()], { description: `${description} Money, rounded to 2 decimals (half away from zero); null when there is no value.` });
export const MoneyTotal = (description: string) => Type.Number({ description: `${description} Money, rounded to 2 decimals (half away from zero); 0 when nothing adds up.` });
export const Pct = (description: string) => Type.Union([Type.Number(), Type.Null()], { description: `${description} Percentage, 2 decimals; null when the denominator is 0.` });
export const Text = (description: string) => Type.String({ description });
export const NullableText = (description: string) => Type.Union([Type.String(), Type.Null()], { description });
export const MonthKey = Type.String({ pattern: '^\\d{4}-\\d{2}$', description: 'Calendar month, YYYY-MM (UTC).' });

export const Meta = Type.Object({
  as_of: Type.String({ description: 'D, the date windows end at (YYYY-MM-DD).' }),
  engine: Type.String({ description: 'The query engine that answered: duckdb, athena or trino.' }),
  cached: Type.Boolean({ description: 'True when this answer came from the result cache (same route, parameters and snapshots).' }),
  snapshots: Type.Record(Type.String(), Type.Object({ id: Type.String({ description: 'Snapshot id.' }), committed_at: Type.String({ description: 'When it was committed (ISO 8601, UTC).' }) }), { description: 'The snapshot of each table read, keyed <source>.<table>.' }),
  unmatched: Type.Record(Type.String(), Type.Integer({ minimum: 0 }), { description: 'Rows whose non-null cross-database reference matched nothing, keyed <table>.<column>; they are left out of the joined figures.' }),
}, { description: 'Where the answer comes from.' });

export function analyticsResponse(properties: Record<string, TSchema>, description: string) {
  return Type.Object({ ...properties, meta: Meta }, { description });
}

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String({ description: 'Stable error code (docs/errors.md).' }),
    status: Type.Integer(),
    message: Type.String({ description: 'What went wrong and what is allowed.' }),
    parameter: Type.Optional(Type.String()),
    value: Type.Optional(Type.Unknown()),
    allowed: Type.Optional(Type.String()),
    request_id: Type.String(),
  }),
}, { description: 'An error.' });

export const AsOfParameter = Type.Optional(Type.String({ format: 'date', description: 'D: windows (last 30 days, N months) end at this date. ISO YYYY-MM-DD, from 1900-01-01 to 9999-12-31; default (also when empty) today (UTC).' }));
export const FormatParameter = Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { default: 'json', description: 'csv returns one tabular section (see section) as text/csv.' }));
export const sectionParameter = (sections: readonly string[]) => Type.Optional(Type.String({ enum: [...sections], description: 'With format=csv (and only then): the tabular section to return, under a header of its columns.' }));

const described = (description: string) => ({ ...ErrorBody, description });

/** The error answers a route may give, for OpenAPI: 400 and 503 where the route has them, plus those of every route. */
export function errorResponses(options: { open?: boolean; parameters?: boolean; unavailable?: string } = {}) {
  return {
    ...(options.parameters === false ? {} : { 400: described('INVALID_PARAMETER or UNKNOWN_PARAMETER: the body names the parameter, the value and what is allowed; INVALID_REQUEST for a malformed request.') }),
    406: described('NOT_ACCEPTABLE: the Accept header takes none of the types the route answers in.'),
    // /health answers load balancers: no key, no rate limit.
    ...(options.open ? {} : {
      401: described('UNAUTHORIZED: when API_KEYS is set, this route needs a key (x-api-key, or Authorization: Bearer).'),
      429: described('RATE_LIMITED: more than RATE_LIMIT requests from this client in a minute.'),
    }),
    500: described('INTERNAL: an unexpected failure; the request id finds it in the logs.'),
    ...(options.unavailable ? { 503: described(options.unavailable) } : {}),
  };
}
