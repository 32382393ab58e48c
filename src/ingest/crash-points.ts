/**
 * Fault injection for the crash tests: with PRIMAC_CRASH_AT=<point> the process SIGKILLs itself at that point of
 * the pipeline, exactly as an OOM killer or a power cut would. Unset in normal runs (a no-op).
 */
export type CrashPoint = 'extract' | 'upload' | 'before-commit' | 'after-commit';

export function crashPoint(point: CrashPoint): void {
  if (process.env.PRIMAC_CRASH_AT === point) process.kill(process.pid, 'SIGKILL');
}
