# syntax=docker/dockerfile:1
# Primac Analytics: one image for `serve`, `ingest`, `seed` and `doctor` (the command is the argument).

FROM node:20-bookworm-slim AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim
# tini: signals reach Node (graceful shutdown).
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates tini \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=dependencies /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY src ./src
RUN mkdir -p /data/lake && chown node:node /data/lake
USER node
# Bake DuckDB's postgres and mysql scanners into the image (the fast ingestion paths), while the build has internet.
RUN node -e "import('@duckdb/node-api').then(async ({ DuckDBInstance }) => { const c = await (await DuckDBInstance.create(':memory:')).connect(); for (const e of ['postgres', 'mysql']) await c.run('INSTALL ' + e).catch((x) => console.error(x.message)); })"
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8000 LAKE_URI=/data/lake UV_THREADPOOL_SIZE=32 AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 8000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# The Node flags of bin/primac.js's first line.
ENTRYPOINT ["tini", "--", "node", "--max-semi-space-size=2", "bin/primac.js"]
CMD ["serve"]
