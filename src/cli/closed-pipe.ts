/**
 * A reader that went away (`primac services status | head -1`, a log collector that stopped) is not the command's
 * failure: the rest of that stream's output is dropped and the command finishes its work (an ingestion still
 * commits), instead of dying on EPIPE with a stack trace.
 */
export function dropOutputOnClosedPipe(stream: NodeJS.EventEmitter): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}
