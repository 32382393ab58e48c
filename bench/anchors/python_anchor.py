"""
The issue's Python anchors, measured beside our ingestion in bench/ingest's own run; each copies one whole table into
Parquet on the local disk:
  dlt         dlt 1.31's sql_table with the connectorx backend in streaming mode (Arrow batches), loaded by dlt's
              filesystem destination as Parquet: the issue's "dlt connectorx, streaming mode".
  connectorx  connectorx alone, streaming Arrow batches (binary protocol) into one pyarrow ParquetWriter (zstd): the
              same reader without dlt's pipeline, the fastest Python path we know.
Timed like our run: after the modules are imported (not Python's start-up), to the files written. One JSON line:
rows, seconds, cpu_seconds, peak_rss_mb.
  python python_anchor.py <dlt|connectorx> <mysql|postgresql> <table> <folder>
Connection settings come from the same variables as primac's (MYSQL_*, POSTGRES_*), with the same defaults.
"""
import json
import os
import resource
import sys
import time

import connectorx
import dlt
import pyarrow.parquet as parquet
from dlt.sources.sql_database import sql_table
from urllib.parse import quote

BATCH_ROWS = 50_000


def url(source: str, driver: str) -> str:
    if source == "mysql":
        env = lambda name, default: os.environ.get(f"MYSQL_{name}") or default
        host, port, db, user, password = env("HOST", "127.0.0.1"), env("PORT", "3306"), env("DATABASE", "primac"), env("USER", "primac"), env("PASSWORD", "primac")
    else:
        env = lambda name, default: os.environ.get(f"POSTGRES_{name}") or default
        host, port, db, user, password = env("HOST", "127.0.0.1"), env("PORT", "5432"), env("DB", "primac_postgres"), env("USER", "primac"), env("PASSWORD", "primac")
    return f"{driver}://{quote(user, safe='')}:{quote(password, safe='')}@{host}:{port}/{db}"


def with_dlt(source: str, table: str, folder: str) -> int:
    driver = "mysql+pymysql" if source == "mysql" else "postgresql+psycopg2"
    os.environ["RUNTIME__LOG_LEVEL"] = "ERROR"
    resource_ = sql_table(credentials=url(source, driver), table=table, backend="connectorx",
                          backend_kwargs={"return_type": "arrow_stream", "batch_size": BATCH_ROWS})
    pipeline = dlt.pipeline(pipeline_name="anchor", pipelines_dir=os.path.join(folder, "pipelines"), dataset_name="anchor",
                            destination=dlt.destinations.filesystem(bucket_url="file://" + os.path.join(folder, "lake")))
    pipeline.run(resource_, loader_file_format="parquet")
    return int(pipeline.last_trace.last_normalize_info.row_counts.get(table, 0))


def with_connectorx(source: str, table: str, folder: str) -> int:
    quoted = f"`{table}`" if source == "mysql" else f'"{table}"'
    batches = connectorx.read_sql(url(source, source), f"SELECT * FROM {quoted}", return_type="arrow_stream", batch_size=BATCH_ROWS)
    writer, rows = None, 0
    for batch in batches:
        if writer is None:
            writer = parquet.ParquetWriter(os.path.join(folder, f"{table}.parquet"), batch.schema, compression="zstd")
        writer.write_batch(batch)
        rows += batch.num_rows
    if writer is not None:
        writer.close()
    return rows


def main() -> None:
    tool, source, table, folder = sys.argv[1:5]
    if tool not in ("dlt", "connectorx") or source not in ("mysql", "postgresql"):
        raise SystemExit("usage: python_anchor.py <dlt|connectorx> <mysql|postgresql> <table> <folder>")
    started, cpu = time.perf_counter(), time.process_time()
    rows = (with_dlt if tool == "dlt" else with_connectorx)(source, table, folder)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(json.dumps({"rows": rows, "seconds": seconds, "cpu_seconds": cpu_seconds, "peak_rss_mb": peak}))


if __name__ == "__main__":
    main()
