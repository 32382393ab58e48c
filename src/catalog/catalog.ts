/**
 * The catalog seam: which tables the lake holds, their columns, and the snapshot each currently points to.
 * `commit` switches a table to a new snapshot in one atomic step; readers follow the catalog only, so files of an
 * uncommitted snapshot are invisible.
 */
import type { SourceName } from '../core/table-model.ts';
import type { FileFormat } from '../lake/layout.ts';

export interface CatalogColumn {
  readonly name: string;
  /** A logical type label (typeLabel): 'int32', 'decimal(12,2)', 'timestamptz'… */
  readonly type: string;
  readonly nullable: boolean;
  readonly nativeType: string;
}

export interface SnapshotFile {
  readonly key: string;
  readonly format: FileFormat;
  readonly rows: number;
  readonly bytes: number;
}

export interface Snapshot {
  readonly id: string;
  readonly committedAt: string;
  /** Absolute location of the snapshot's folder (a path or s3:// URI), ending with '/'. */
  readonly location: string;
  readonly rows: number;
  readonly bytes: number;
  readonly formats: readonly FileFormat[];
  readonly files: readonly SnapshotFile[];
}

export interface CatalogTable {
  /** `<source>_<table>` */
  readonly name: string;
  readonly source: SourceName;
  readonly table: string;
  readonly columns: readonly CatalogColumn[];
  readonly snapshot: Snapshot;
  /** Older committed snapshots still kept in the lake, newest first. */
  readonly previous: readonly string[];
}

export interface CatalogCapabilities {
  /** The catalog is readable by AWS engines (Athena) as Hive tables. */
  readonly hive: boolean;
}

export interface Catalog {
  readonly kind: 'local' | 'glue';
  readonly capabilities: CatalogCapabilities;
  list(): Promise<CatalogTable[]>;
  get(name: string): Promise<CatalogTable | null>;
  commit(table: CatalogTable): Promise<void>;
}
