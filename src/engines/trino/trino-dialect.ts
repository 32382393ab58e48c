/**
 * The Trino rendering of the analytics SQL, shared by Athena (Trino underneath). Lake timestamps are UTC
 * `timestamp(6)` there (Hive columns cannot be `timestamp with time zone`), so dates and epochs need no zone.
 */
import { WHITESPACE_CLASS, type Dialect } from '../query-engine.ts';

export const trinoDialect: Dialect = {
  isoDayOfWeek: (date) => `day_of_week(${date})`,
  // Exact to the millisecond as a BIGINT (to_unixtime returns a double).
  epochMillis: (ts) => `date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00.000000', ${ts})`,
  utcDate: (ts) => `CAST(${ts} AS DATE)`,
  text: (expr) => `CAST(${expr} AS VARCHAR)`,
  trim: (expr) => `regexp_replace(${expr}, '^${WHITESPACE_CLASS}+|${WHITESPACE_CLASS}+$', '')`,
};
