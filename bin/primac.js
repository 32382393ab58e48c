#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so a clone needs no build step.
// FIFOs between the sources and DuckDB hold threadpool threads while they open: keep plenty.
process.env.UV_THREADPOOL_SIZE ??= '32';
const { register } = await import('tsx/esm/api');

register();
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { main } = await import('../src/cli/main.ts');
await main(process.argv);
