/** The verify stage: rows written = rows read = the source's count at read time, and every file landed whole. */
import { PrimacError } from '../core/errors.ts';
import type { SnapshotFile } from '../catalog/catalog.ts';
import type { LakeStorage } from '../lake/lake-storage.ts';

export function verifyCounts(table: string, counts: { rowsRead: number; sourceCount: number; written: readonly { format: string; rows: number }[] }): void {
  const byFormat = new Map<string, number>();
  for (const f of counts.written) byFormat.set(f.format, (byFormat.get(f.format) ?? 0) + f.rows);
  const problems: string[] = [];
  if (counts.rowsRead !== counts.sourceCount) problems.push(`read ${counts.rowsRead} rows but the source counted ${counts.sourceCount}`);
  for (const [format, rows] of byFormat) if (rows !== counts.rowsRead) problems.push(`${format} files hold ${rows} rows, ${counts.rowsRead} were read`);
  if (problems.length > 0) {
    throw new PrimacError('INGEST_VERIFY_FAILED', `${table}: ${problems.join('; ')}. The previous snapshot stays current; if the source was being written to, run again.`, { retryable: true });
  }
}

export async function verifyLanded(lake: LakeStorage, prefix: string, files: readonly SnapshotFile[]): Promise<void> {
  const present = new Map((await lake.list(prefix)).map((o) => [o.key, o.size]));
  const missing = files.filter((f) => present.get(f.key) !== f.bytes);
  if (missing.length > 0) {
    throw new PrimacError('INGEST_VERIFY_FAILED', `${missing.length} file(s) did not land whole in the lake (first: ${missing[0]!.key}).`, { retryable: true });
  }
}
