#!/usr/bin/env node
// `npm run demo`: a synthetic dataset in a local lake, served by the API. Nothing to install but Node and npm ci.
process.env.UV_THREADPOOL_SIZE ??= '32';
const { register } = await import('tsx/esm/api');

register();
const { demo } = await import('../src/cli/demo.ts');
try {
  await demo();
} catch (error) {
  process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
