/**
 * One Athena query, start to last page: StartQueryExecution in the Glue database, GetQueryExecution polled with a
 * doubling delay until a final state, then every page of GetQueryResults. A query the caller gives up on (abort
 * signal) or that outlives the timeout is stopped with StopQueryExecution, so it stops costing money.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  GetQueryExecutionCommand, GetQueryResultsCommand, StartQueryExecutionCommand, StopQueryExecutionCommand,
  type AthenaClient, type ColumnInfo, type Datum, type QueryExecution, type StartQueryExecutionInput,
} from '@aws-sdk/client-athena';
import { athenaCallError, queryFailedError, timeoutError, type AthenaPlace } from './athena-errors.ts';

export interface AthenaQuerySettings extends AthenaPlace {
  /** null: the workgroup's own result location. */
  readonly outputLocation: string | null;
  /** 0 turns result reuse off. */
  readonly reuseMinutes: number;
  readonly pollInitialMs: number;
  readonly pollMaxMs: number;
  readonly timeoutMs: number;
}

export interface AthenaResult {
  readonly columns: readonly ColumnInfo[];
  /** Data rows only (the header row of a SELECT is dropped). */
  readonly rows: readonly (readonly Datum[])[];
}

const FINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

export function startInput(sql: string, s: AthenaQuerySettings): StartQueryExecutionInput {
  return {
    QueryString: sql,
    QueryExecutionContext: { Catalog: 'AwsDataCatalog', Database: s.database },
    WorkGroup: s.workgroup,
    ...(s.outputLocation ? { ResultConfiguration: { OutputLocation: s.outputLocation } } : {}),
    ResultReuseConfiguration: { ResultReuseByAgeConfiguration: s.reuseMinutes > 0 ? { Enabled: true, MaxAgeInMinutes: s.reuseMinutes } : { Enabled: false } },
  };
}

export async function runAthenaQuery(client: AthenaClient, sql: string, s: AthenaQuerySettings, callerSignal?: AbortSignal): Promise<AthenaResult> {
  callerSignal?.throwIfAborted();
  const timeout = AbortSignal.timeout(s.timeoutMs);
  const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
  // Without the signal: an id Athena has issued must reach us, or the query could not be stopped.
  const id = await client.send(new StartQueryExecutionCommand(startInput(sql, s))).then((r) => r.QueryExecutionId!, (e) => { throw athenaCallError(e, 'StartQueryExecution', s); });
  let finished = false;
  try {
    const execution = await waitForFinalState(client, id, s, signal);
    finished = true;
    const state = execution.Status!.State!;
    if (state !== 'SUCCEEDED') throw queryFailedError(state, execution.Status?.StateChangeReason, execution.Status?.AthenaError, s);
    return await readAllPages(client, id, execution.StatementType === 'DML', s, signal);
  } catch (error) {
    if (!finished) await stopQuietly(client, id);
    if (callerSignal?.aborted) throw callerSignal.reason;
    if (timeout.aborted) throw timeoutError(s.timeoutMs, s);
    throw error;
  }
}

async function waitForFinalState(client: AthenaClient, id: string, s: AthenaQuerySettings, signal: AbortSignal): Promise<QueryExecution> {
  let delay = s.pollInitialMs;
  for (;;) {
    const { QueryExecution: execution } = await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }), { abortSignal: signal })
      .catch((e) => { throw signal.aborted ? e : athenaCallError(e, 'GetQueryExecution', s); });
    if (FINAL.has(execution?.Status?.State ?? '')) return execution!;
    await sleep(delay, undefined, { signal });
    delay = Math.min(delay * 2, s.pollMaxMs);
  }
}

/** Every page (NextToken); Athena puts a SELECT's column labels as the first row of the first page. */
async function readAllPages(client: AthenaClient, id: string, hasHeaderRow: boolean, s: AthenaQuerySettings, signal: AbortSignal): Promise<AthenaResult> {
  let columns: ColumnInfo[] = [];
  const rows: Datum[][] = [];
  let token: string | undefined;
  let first = true;
  do {
    const page = await client.send(new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: token, MaxResults: 1000 }), { abortSignal: signal })
      .catch((e) => { throw signal.aborted ? e : athenaCallError(e, 'GetQueryResults', s); });
    const pageRows = (page.ResultSet?.Rows ?? []).map((r) => r.Data ?? []);
    if (first) {
      columns = page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? [];
      if (hasHeaderRow) pageRows.shift();
      first = false;
    }
    rows.push(...pageRows);
    token = page.NextToken;
  } while (token);
  return { columns, rows };
}

/** Best effort, bounded: the caller is already leaving, and a query that has just finished cannot be stopped. */
async function stopQuietly(client: AthenaClient, id: string): Promise<void> {
  await client.send(new StopQueryExecutionCommand({ QueryExecutionId: id }), { abortSignal: AbortSignal.timeout(5_000) }).catch(() => undefined);
}
