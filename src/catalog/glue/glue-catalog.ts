/**
 * AWS Glue as the catalog (database GLUE_DATABASE, tables `<source>_<table>`): Hive column types, the Parquet
 * SerDe, Location = the current snapshot's folder, switched with UpdateTable (no crawler). The snapshot's details
 * (files, rows, previous snapshots) ride in the table's Parameters.
 */
import { CreateDatabaseCommand, CreateTableCommand, EntityNotFoundException, GetDatabaseCommand, GetTableCommand, GetTablesCommand, GlueClient, UpdateTableCommand, type Table, type TableInput } from '@aws-sdk/client-glue';
import { PrimacError } from '../../core/errors.ts';
import type { Catalog, CatalogTable } from '../catalog.ts';
import { hiveType } from './glue-types.ts';

const PARQUET = {
  InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
  OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
  SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe', Parameters: { 'serialization.format': '1' } },
};
const CSV = {
  InputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
  OutputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
  SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.serde2.OpenCSVSerde', Parameters: { separatorChar: ',', quoteChar: '"', escapeChar: '\\' } },
};

export interface GlueSettings { readonly database: string; readonly region: string; readonly endpoint: string | null }

function glueError(error: unknown, what: string): PrimacError {
  if (error instanceof PrimacError) return error;
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  if (e.name === 'AccessDeniedException' || status === 403) {
    return new PrimacError('CATALOG_FAILED', `Glue ${what}: access denied; the IAM policy needs glue:GetDatabase, glue:CreateDatabase, glue:GetTable(s), glue:CreateTable, glue:UpdateTable.`);
  }
  const retryable = e.name === 'ThrottlingException' || e.name === 'InternalServiceException' || (status !== undefined && status >= 500) || /ECONN|ETIMEDOUT/.test(String(e.message));
  return new PrimacError('CATALOG_FAILED', `Glue ${what}: ${e.name ?? 'Error'}: ${e.message ?? ''}. Check GLUE_DATABASE, GLUE_ENDPOINT and AWS_REGION.`, { retryable });
}

function tableInput(table: CatalogTable): TableInput {
  const parquet = table.snapshot.formats.includes('parquet');
  return {
    Name: table.name,
    TableType: 'EXTERNAL_TABLE',
    Parameters: {
      EXTERNAL: 'TRUE',
      classification: parquet ? 'parquet' : 'csv',
      ...(parquet ? {} : { 'skip.header.line.count': '1' }),
      primac_source: table.source,
      primac_table: table.table,
      primac_snapshot: table.snapshot.id,
      primac_committed_at: table.snapshot.committedAt,
      primac_rows: String(table.snapshot.rows),
      primac_bytes: String(table.snapshot.bytes),
      primac_formats: table.snapshot.formats.join(','),
      primac_files: JSON.stringify(table.snapshot.files),
      primac_previous: table.previous.join(','),
      primac_columns: JSON.stringify(table.columns),
    },
    StorageDescriptor: {
      Columns: table.columns.map((c) => ({ Name: c.name.toLowerCase(), Type: hiveType(c.type), Comment: c.nativeType.slice(0, 255) })),
      Location: table.snapshot.location,
      ...(parquet ? PARQUET : CSV),
    },
  };
}

function fromGlue(table: Table): CatalogTable | null {
  const p = table.Parameters ?? {};
  if (!p.primac_snapshot) return null;
  return {
    name: table.Name!,
    source: p.primac_source as CatalogTable['source'],
    table: p.primac_table!,
    columns: JSON.parse(p.primac_columns ?? '[]'),
    snapshot: {
      id: p.primac_snapshot,
      committedAt: p.primac_committed_at!,
      location: table.StorageDescriptor?.Location ?? '',
      rows: Number(p.primac_rows),
      bytes: Number(p.primac_bytes),
      formats: (p.primac_formats ?? 'parquet').split(',') as CatalogTable['snapshot']['formats'],
      files: JSON.parse(p.primac_files ?? '[]'),
    },
    previous: p.primac_previous ? p.primac_previous.split(',') : [],
  };
}

export function createGlueCatalog(settings: GlueSettings, client = new GlueClient({ region: settings.region, ...(settings.endpoint ? { endpoint: settings.endpoint } : {}) })): Catalog {
  const DatabaseName = settings.database;
  let databaseReady: Promise<void> | undefined;
  const ensureDatabase = () => {
    databaseReady ??= (async () => {
      try {
        await client.send(new GetDatabaseCommand({ Name: DatabaseName }));
      } catch (error) {
        if (!(error instanceof EntityNotFoundException) && (error as { name?: string }).name !== 'EntityNotFoundException') throw error;
        await client.send(new CreateDatabaseCommand({ DatabaseInput: { Name: DatabaseName, Description: 'Primac Analytics lake (managed by primac ingest)' } }));
      }
    })().catch((error) => {
      databaseReady = undefined;
      throw glueError(error, `preparing database ${DatabaseName}`);
    });
    return databaseReady;
  };
  const getRaw = async (name: string): Promise<Table | null> => {
    try {
      return (await client.send(new GetTableCommand({ DatabaseName, Name: name }))).Table ?? null;
    } catch (error) {
      if ((error as { name?: string }).name === 'EntityNotFoundException') return null;
      throw glueError(error, `reading table ${name}`);
    }
  };

  return {
    kind: 'glue',
    capabilities: { hive: true },
    async list() {
      const out: CatalogTable[] = [];
      let token: string | undefined;
      try {
        do {
          const page = await client.send(new GetTablesCommand({ DatabaseName, NextToken: token }));
          for (const t of page.TableList ?? []) {
            const table = fromGlue(t);
            if (table) out.push(table);
          }
          token = page.NextToken;
        } while (token);
      } catch (error) {
        if ((error as { name?: string }).name === 'EntityNotFoundException') return [];
        throw glueError(error, 'listing tables');
      }
      return out.sort((a, b) => a.name.localeCompare(b.name));
    },
    async get(name) {
      const raw = await getRaw(name);
      return raw ? fromGlue(raw) : null;
    },
    async commit(table) {
      await ensureDatabase();
      const exists = (await getRaw(table.name)) !== null;
      try {
        if (exists) await client.send(new UpdateTableCommand({ DatabaseName, TableInput: tableInput(table) }));
        else await client.send(new CreateTableCommand({ DatabaseName, TableInput: tableInput(table) }));
      } catch (error) {
        throw glueError(error, `${exists ? 'updating' : 'creating'} table ${table.name}`);
      }
    },
  };
}
