/** Response schemas of the service routes (/, /health, /datasets, /ingestion/runs, /quality/references). */
import { Type } from 'typebox';
import { Count, NullableText, Text } from './common.ts';

const Instant = (description: string) => Type.String({ format: 'date-time', description });
const Sources = (value: ReturnType<typeof Type.Object> | ReturnType<typeof Type.Record>, description: string) => Type.Record(Type.String(), value, { description });

export const RootResponse = Type.Object({
  service: Text('Primac Analytics.'),
  version: Text('The service version.'),
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')], { description: 'degraded when the catalog could not be read lately.' }),
  data_source: Type.Object({
    lake: Type.Union([Type.Literal('local'), Type.Literal('s3')], { description: 'Where the lake is.' }),
    catalog: Type.Union([Type.Literal('local'), Type.Literal('glue')], { description: 'The catalog in use.' }),
    engine: Text('The query engine: duckdb, athena or trino.'),
  }),
  source_databases: Type.Array(Type.String(), { description: 'The sources (mysql, postgresql, cassandra) with at least one catalogued table.' }),
  routes: Type.Record(Type.String(), Type.Integer({ minimum: 0 }), { description: 'Analytics routes per family.' }),
  docs: Type.Object({ swagger_ui: Text('Swagger UI.'), redoc: Text('ReDoc.'), openapi: Text('This document.'), dashboard: Text('The dashboard page.') }),
}, { description: 'What this service is and where its data comes from.' });

export const HealthResponse = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded'), Type.Literal('unavailable')], { description: 'ok: every expected table is catalogued and the engine answers; degraded: some table is missing; unavailable (503): the engine or the catalog fails.' }),
  timestamp: Instant('When this answer was made.'),
  engine: Text('The query engine.'),
  data_availability: Sources(Type.Record(Type.String(), Type.Boolean()), 'Per source, per table: whether it is catalogued.'),
  bucket_summary: Type.Object({
    total_objects: Count('Files of the current snapshots.'),
    total_size_bytes: Count('Their bytes.'),
    total_size_mb: Type.Number({ description: 'Their size in MiB, 2 decimals.' }),
    databases: Sources(Type.Object({ objects: Count('Files.'), size_bytes: Count('Bytes.'), tables: Count('Catalogued tables.') }), 'The same per source.'),
  }),
}, { description: 'Health for load balancers.' });

const Snapshot = Type.Object({ id: Text('Snapshot id (a UTC timestamp and a sequence).'), committed_at: Instant('When it was committed.') });

export const DatasetsResponse = Type.Object({
  datasets: Type.Array(Type.Object({
    name: Text('Catalog name, <source>_<table>.'),
    source: Text('mysql, postgresql or cassandra.'),
    table: Text('The table in its source.'),
    rows: Count('Rows of the current snapshot.'),
    bytes: Count('Bytes of its files.'),
    files: Count('Its files (every format).'),
    formats: Type.Array(Type.String(), { description: 'parquet and/or csv.' }),
    snapshot: Type.Object({ id: Text('Current snapshot id.'), committed_at: Instant('When it was committed.'), age_seconds: Count('Seconds since then.') }),
    previous_snapshots: Type.Array(Snapshot, { description: 'Older snapshots still kept (KEEP_SNAPSHOTS).' }),
    columns: Type.Array(Type.Object({
      name: Text('Column name.'), type: Text('Lake type (e.g. decimal(12,2), timestamp).'), nullable: Type.Boolean({ description: 'Whether NULL is allowed.' }),
      source_type: Text('The type in the source database.'),
    })),
  })),
}, { description: 'The catalogued tables.' });

const TableOutcome = Type.Object({
  source: Text('The source.'), table: Text('The table.'),
  status: Type.Union([Type.Literal('committed'), Type.Literal('failed')]),
  rows: Count('Rows landed.'), bytes: Count('Bytes landed.'), files: Count('Files of the main format.'), seconds: Type.Number({ description: 'Time taken.' }),
  snapshot: NullableText('The committed snapshot (null when failed).'), path: NullableText('The read path taken (null when failed).'),
  error: Type.Optional(Text('What went wrong and what to check.')),
});

export const RunsResponse = Type.Object({
  runs: Type.Array(Type.Object({
    id: Text('Run id.'), startedAt: Instant('Start.'), finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'End (null while running).' }),
    status: Type.Union([Type.Literal('running'), Type.Literal('succeeded'), Type.Literal('failed')]),
    options: Type.Record(Type.String(), Type.Unknown(), { description: 'The options the run was started with.' }),
    skipped: Type.Array(Type.String(), { description: 'Sources that are not configured.' }),
    tables: Type.Array(TableOutcome),
  }), { description: 'Newest first.' }),
}, { description: 'The latest ingestion runs.' });

export const ReferencesResponse = Type.Object({
  references: Type.Array(Type.Object({
    reference: Text('The referencing column, <source>.<table>.<column>.'),
    target: Text('The referenced column.'),
    available: Type.Boolean({ description: 'false when a table of the reference is not catalogued (the counts are then 0).' }),
    total: Count('Non-null references.'), matched: Count('References that match a row.'), unmatched: Count('References that match nothing.'),
    examples: Type.Array(Type.String(), { description: 'A few unmatched values.' }),
  })),
}, { description: 'Each cross-database reference of SOURCES.md.' });
