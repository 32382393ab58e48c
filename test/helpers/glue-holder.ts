/**
 * Test helper process: starts the MySQL glue with a fake client (prints a count, then sleeps) onto a named pipe that
 * nobody opens, prints the glue's process-group id, and waits to be killed.
 */
import { execFileSync } from 'node:child_process';
import { spawnGlue } from '../../src/sources/mysql/mysql-client-reader.ts';

const [pipe] = process.argv.slice(2);
execFileSync('mkfifo', [pipe!]);
const glue = spawnGlue(pipe!, 'sh', ['-c', 'echo 5; exec sleep 60'], 'not-a-secret');
process.stdout.write(`${glue.pid}\n`);
setInterval(() => undefined, 1000);
