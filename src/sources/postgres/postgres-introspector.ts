/** Discovers the base tables of the connection's current schema, their columns and primary keys. */
import type pg from 'pg';
import type { ColumnSchema, TableSchema } from '../../core/table-model.ts';
import { postgresLogicalType } from './postgres-types.ts';

export interface PostgresTable extends TableSchema {
  readonly schema: string;
  /** udt_name per column, for the read expressions. */
  readonly udtNames: Readonly<Record<string, string>>;
  /**
   * A partitioned table (its rows are its partitions', which are not ingested on their own) or a parent by
   * inheritance (read with ONLY: its children are tables of their own): either way every row lands once.
   */
  readonly family: 'partitioned' | 'parent' | null;
}

export async function discoverPostgres(client: pg.Client): Promise<PostgresTable[]> {
  const columns = await client.query(`
    SELECT c.table_schema, c.table_name, c.column_name, c.data_type, c.udt_name, c.numeric_precision, c.numeric_scale,
           c.is_nullable, format_type(a.atttypid, a.atttypmod) AS native
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    JOIN pg_attribute a ON a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass AND a.attname = c.column_name
    WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
    ORDER BY c.table_name, c.ordinal_position`);
  const keys = await client.query(`
    SELECT k.table_name, k.column_name
    FROM information_schema.table_constraints tc
    JOIN information_schema.key_column_usage k ON k.constraint_name = tc.constraint_name AND k.table_schema = tc.table_schema AND k.table_name = tc.table_name
    WHERE tc.table_schema = current_schema() AND tc.constraint_type = 'PRIMARY KEY'
    ORDER BY k.table_name, k.ordinal_position`);
  // Partitions are read through their partitioned table; parents by inheritance without their children's rows.
  const families = await client.query(`
    SELECT c.relname, c.relkind = 'p' AS partitioned, c.relispartition AS partition,
           c.relkind = 'r' AND EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhparent = c.oid) AS parent
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')`);
  const family = new Map<string, PostgresTable['family'] | 'partition'>(families.rows.map((r) => [r.relname, r.partition ? 'partition' : r.partitioned ? 'partitioned' : r.parent ? 'parent' : null]));
  interface Entry { schema: string; columns: ColumnSchema[]; udtNames: Record<string, string>; primaryKey: string[] }
  const tables = new Map<string, Entry>();
  for (const r of columns.rows) {
    const entry: Entry = tables.get(r.table_name) ?? { schema: r.table_schema, columns: [], udtNames: {}, primaryKey: [] };
    const precision = r.udt_name === 'numeric' && r.numeric_precision !== null ? Number(r.numeric_precision) : null;
    entry.columns.push({
      name: r.column_name,
      type: postgresLogicalType({ dataType: r.data_type, udtName: r.udt_name, precision, scale: r.numeric_scale === null ? null : Number(r.numeric_scale) }),
      nullable: r.is_nullable === 'YES',
      nativeType: r.native,
    });
    entry.udtNames[r.column_name] = r.udt_name;
    tables.set(r.table_name, entry);
  }
  for (const r of keys.rows) tables.get(r.table_name)?.primaryKey.push(r.column_name);
  return [...tables].filter(([name]) => family.get(name) !== 'partition')
    .map(([name, t]) => ({ source: 'postgresql', name, schema: t.schema, columns: t.columns, primaryKey: t.primaryKey, udtNames: t.udtNames, family: (family.get(name) ?? null) as PostgresTable['family'] }));
}
