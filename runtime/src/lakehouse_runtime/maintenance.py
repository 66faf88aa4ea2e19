"""Maintenance: OPTIMIZE every table of the pipeline once enough new files piled up to pay for the
rewrite, and VACUUM it with its layer's retention, so time travel reaches back that far and no further."""

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any

from pyspark.sql import Row, SparkSession

from . import params
from .config import MaintenanceConfig
from .tables import MAINTENANCE_OPERATIONS

PARAMETERS = ["catalog", "retention_days_bronze", "retention_days_silver", "retention_days_gold", "optimize_min_files"]
# operationMetrics of the commits that write data (WRITE, STREAMING UPDATE, MERGE, UPDATE, DELETE).
FILES_ADDED = ("numFiles", "numAddedFiles", "numTargetFilesAdded")
ROWS_WRITTEN = ("numOutputRows", "numUpdatedRows", "numCopiedRows")
#: Histories read at once: each read is mostly driver-side log reading, so a few overlap well.
HISTORY_READERS = 4


def metric(commit: Row, names: tuple[str, ...]) -> int:
    return sum(int((commit.operationMetrics or {}).get(name, 0)) for name in names)


def due(history: list[Row], retention: timedelta, min_files: int, now: datetime) -> tuple[bool, bool]:
    """(OPTIMIZE, VACUUM) worth running: OPTIMIZE when the commits since the last OPTIMIZE wrote rows in at
    least `min_files` files; VACUUM when a commit (which may have removed files) aged past the retention since
    the last VACUUM (or ever, when none is on record). VACUUM deletes only files removed longer than the
    retention ago, so before any commit is that old it could delete nothing: a young table, a first run and a
    rerun right after maintenance skip it."""
    optimized = max((c.version for c in history if c.operation == "OPTIMIZE"), default=-1)
    vacuumed = max((c.timestamp for c in history if c.operation == "VACUUM END"), default=None)
    horizon = now - retention
    since = [c for c in history if c.version > optimized and c.operation not in MAINTENANCE_OPERATIONS]
    optimize = sum(metric(c, ROWS_WRITTEN) for c in since) > 0 and sum(metric(c, FILES_ADDED) for c in since) >= min_files
    aged = [c for c in history if not c.operation.startswith("VACUUM") and c.timestamp <= horizon]
    vacuum = any(vacuumed is None or vacuumed - retention < c.timestamp for c in aged)
    return optimize, vacuum


def history(spark: SparkSession, table: str) -> list[Row]:
    return spark.sql(f"DESCRIBE HISTORY {table}").select("version", "timestamp", "operation", "operationMetrics").collect()


def histories(spark: SparkSession, tables: list[str]) -> list[list[Row]]:
    """Every table's history, in the tables' order, read a few at a time (one Spark session serves concurrent jobs)."""
    with ThreadPoolExecutor(max_workers=HISTORY_READERS) as pool:
        return list(pool.map(lambda table: history(spark, table), tables))


def run(spark: SparkSession, dbutils: Any, config: MaintenanceConfig) -> None:
    """The maintenance task: every table of the pipeline, each with its layer's retention."""
    p = params.read(dbutils, PARAMETERS)
    min_files = int(p["optimize_min_files"])
    tables = [f"{p['catalog']}.{entry['table']}" for entry in config["tables"]]
    # Read before any OPTIMIZE or VACUUM of this run: each commit only to its own table, so no history read here is stale.
    for entry, table, commits in zip(config["tables"], tables, histories(spark, tables), strict=True):
        hours = int(p[f"retention_days_{entry['layer']}"]) * 24
        optimize, vacuum = due(commits, timedelta(hours=hours), min_files, datetime.now())
        if optimize:
            spark.sql(f"OPTIMIZE {table}")
        if vacuum:
            spark.sql(f"VACUUM {table} RETAIN {hours} HOURS")
        print(f"{table}: optimize={optimize} vacuum={vacuum}")
