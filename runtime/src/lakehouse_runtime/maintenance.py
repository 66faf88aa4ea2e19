"""Maintenance: keep every table of the pipeline to its layer's retention (Delta's file and log retention
properties), OPTIMIZE it once enough new files piled up to pay for the rewrite, and VACUUM it with that
retention, so time travel reaches back that far and no further. A table that fails does not stop the others;
the task fails at the end, naming each."""

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any

from pyspark.sql import Row, SparkSession

from . import params
from .config import MaintenanceConfig
from .tables import MAINTENANCE_OPERATIONS, converge_properties, retention_properties

PARAMETERS = ["catalog", "retention_days_bronze", "retention_days_silver", "retention_days_gold", "optimize_min_files"]
# operationMetrics of the commits that write data (WRITE, STREAMING UPDATE, MERGE, UPDATE, DELETE).
FILES_ADDED = ("numFiles", "numAddedFiles", "numTargetFilesAdded")
ROWS_WRITTEN = ("numOutputRows", "numUpdatedRows", "numCopiedRows")
#: Histories read at once: each read is mostly driver-side log reading, so a few overlap well.
HISTORY_READERS = 4


class MaintenanceError(RuntimeError):
    """Some tables could not be maintained; the others were."""

    def __init__(self, failures: dict[str, str]) -> None:
        lines = "\n".join(f"  {table}: {reason}" for table, reason in failures.items())
        super().__init__(f"maintenance failed for {len(failures)} table(s), the others were maintained:\n{lines}")
        self.failures = failures


def metric(commit: Row, names: tuple[str, ...]) -> int:
    return sum(int((commit.operationMetrics or {}).get(name, 0)) for name in names)


def due(history: list[Row], retention: timedelta, min_files: int, now: datetime) -> tuple[bool, bool]:
    """(OPTIMIZE, VACUUM) worth running: OPTIMIZE when the commits since the last OPTIMIZE wrote rows in at
    least `min_files` files; VACUUM when a commit (which may have removed files) aged past the retention since
    the last VACUUM (or ever, when none is on record). VACUUM deletes only files removed longer than the
    retention ago, so before any commit is that old it could delete nothing: a young table, a first run and a
    rerun right after maintenance skip it. Commits Delta already dropped from the log (the history no longer
    starts at version 0) are older than the log retention, which is longer than the file retention
    (tables.retention_properties), and older than the oldest commit kept: they count as aged commits at that
    time, so a table whose schedule paused past the log's margin is still vacuumed, once."""
    optimized = max((c.version for c in history if c.operation == "OPTIMIZE"), default=-1)
    vacuumed = max((c.timestamp for c in history if c.operation == "VACUUM END"), default=None)
    horizon = now - retention
    since = [c for c in history if c.version > optimized and c.operation not in MAINTENANCE_OPERATIONS]
    optimize = sum(metric(c, ROWS_WRITTEN) for c in since) > 0 and sum(metric(c, FILES_ADDED) for c in since) >= min_files
    aged = [c.timestamp for c in history if not c.operation.startswith("VACUUM") and c.timestamp <= horizon]
    if history and min(c.version for c in history) > 0:
        aged.append(min(c.timestamp for c in history))
    vacuum = any(vacuumed is None or vacuumed - retention < t for t in aged)
    return optimize, vacuum


def history(spark: SparkSession, table: str) -> list[Row]:
    return spark.sql(f"DESCRIBE HISTORY {table}").select("version", "timestamp", "operation", "operationMetrics").collect()


def history_or_error(spark: SparkSession, table: str) -> list[Row] | Exception:
    """The table's history, or why it could not be read (a table whose task never created it, say)."""
    try:
        return history(spark, table)
    except Exception as error:  # reported with the table's name once the others are maintained
        return error


def histories(spark: SparkSession, tables: list[str]) -> list[list[Row] | Exception]:
    """Every table's history (or its error), in the tables' order, read a few at a time (one Spark session serves concurrent jobs)."""
    with ThreadPoolExecutor(max_workers=HISTORY_READERS) as pool:
        return list(pool.map(lambda table: history_or_error(spark, table), tables))


def maintain(spark: SparkSession, table: str, commits: list[Row], days: int, min_files: int) -> str:
    """One table: its retention properties, then OPTIMIZE and VACUUM as they are due. What it did, for the log."""
    retained = converge_properties(spark, table, retention_properties(days))
    optimize, vacuum = due(commits, timedelta(days=days), min_files, datetime.now())
    if optimize:
        spark.sql(f"OPTIMIZE {table}")
    if vacuum:
        spark.sql(f"VACUUM {table} RETAIN {days * 24} HOURS")
    return f"{table}: optimize={optimize} vacuum={vacuum}" + (f" retention set to {days} days" if retained else "")


def run(spark: SparkSession, dbutils: Any, config: MaintenanceConfig) -> None:
    """The maintenance task: every table of the pipeline, each with its layer's retention."""
    p = params.read(dbutils, PARAMETERS)
    min_files = int(p["optimize_min_files"])
    tables = [f"{p['catalog']}.{entry['table']}" for entry in config["tables"]]
    failures: dict[str, str] = {}
    # Read before any OPTIMIZE or VACUUM of this run: each commit only to its own table, so no history read here is stale.
    for entry, table, commits in zip(config["tables"], tables, histories(spark, tables), strict=True):
        try:
            if isinstance(commits, Exception):
                raise commits
            print(maintain(spark, table, commits, int(p[f"retention_days_{entry['layer']}"]), min_files))
        except Exception as error:  # one table's failure must not leave the others unmaintained
            failures[table] = f"{type(error).__name__}: {(str(error).splitlines() or [''])[0]}"
            print(f"{table}: failed, {failures[table]}")
    if failures:
        raise MaintenanceError(failures)
