/** The lake storage seam: bytes only. Keys are relative ('/'-separated) to the lake's root. */
export interface StoredObject { readonly key: string; readonly size: number }

export interface LakeStorageCapabilities {
  /** Files can be written in place by a local process (DuckDB writes parts straight into the lake). */
  readonly localFiles: boolean;
}

export interface LakeStorage {
  /** The lake's URI as configured (a folder or s3://bucket/prefix). */
  readonly uri: string;
  readonly capabilities: LakeStorageCapabilities;
  /** Absolute location of a key, for engines and catalogs (a path or an s3:// URI). */
  locate(key: string): string;
  /** Local path of a key when `localFiles`; throws otherwise. */
  localPath(key: string): string;
  putFile(key: string, file: string): Promise<number>;
  /** Replaces the object atomically (readers see the old or the new bytes, never a mix). */
  putBytes(key: string, bytes: Uint8Array): Promise<void>;
  /** Creates the object only if it does not exist yet (atomically); false when it already did. */
  putIfAbsent(key: string, bytes: Uint8Array): Promise<boolean>;
  get(key: string): Promise<Buffer | null>;
  list(prefix: string): Promise<StoredObject[]>;
  delete(keys: readonly string[]): Promise<void>;
}
