#!/usr/bin/env node
// `npm run demo`: the one-command demo arrives with the analytics API (issue 5). Until then, say so clearly.
process.stderr.write(`The demo is not available yet: the analytics API (primac serve) is still being built.
What works today:
  npx primac services start     # local PostgreSQL, MariaDB, Cassandra, S3/Glue (moto) and nginx
  npx primac seed --scale 1     # fill the three source databases with realistic, consistent data
  npm test                      # the test suite against those servers
`);
process.exitCode = 1;
