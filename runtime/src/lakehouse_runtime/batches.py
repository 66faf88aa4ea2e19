"""Silver's bronze batches: which range of bronze versions a run processes, and how each write
records it, so that after a crash at any point silver, quarantine, quality results and the
processed version agree.

- The processed bronze version is in silver's own commit: the append or MERGE that writes a
  batch's rows carries the range and bronze's table id as commit metadata (`userMetadata`, readable
  in DESCRIBE HISTORY: https://docs.databricks.com/aws/en/delta/custom-metadata), so the rows and
  the version land or fail together. A batch without inserted rows (bronze's OPTIMIZE or property
  change) writes no rows: its range is recorded by a table-property commit carrying the same
  metadata, which gold and maintenance do not count as new data (tables.MAINTENANCE_OPERATIONS).
- The quality results are keyed by the range they cover (`txnAppId` the silver table and bronze's
  table id, `txnVersion` the range's last bronze version: Delta skips a version it has seen,
  https://docs.delta.io/latest/delta-batch.html#idempotent-writes). The quarantine replaces its rows
  of the range (`replaceWhere` on the bronze version), so it holds the last check's failures.
- A range whose quality results exist but whose silver commit does not (a crash, or a held batch
  after the quality gate tripped) is processed again exactly, never merged with later data, so its
  rows are quarantined and counted once however often the task is retried.
- Bronze's versions mean something only for the bronze table that made them: a bronze table
  rebuilt (a new table id, versions from 0 again) stops silver with BronzeRebuiltError.
"""

import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

#: The job parameter's value when no held batch is accepted.
NO_HELD_BATCH = "none"
ACCEPTED = re.compile(r"^([a-z0-9_]+):(\d+)-(\d+)$")
USER_METADATA_CONF = "spark.databricks.delta.commitInfo.userMetadata"
#: The last batch without inserted rows: its commit records the range in silver without writing rows.
EMPTY_BATCH_PROPERTY = "lakehouse.empty_batch"
# A MERGE takes commit metadata only from the session configuration; tasks running concurrently in
# one session (the local harness) must not see each other's value while it is set.
_SESSION_CONF = threading.Lock()


@dataclass(frozen=True)
class Batch:
    """An inclusive range of bronze versions that silver processes as one unit."""

    first: int
    last: int

    def label(self, dataset: str) -> str:
        """The accept_held_batch value that lets this batch through the quality gate."""
        return f"{dataset}:{self.first}-{self.last}"

    def metadata(self, silver: str, bronze_id: str) -> str:
        """Commit metadata naming the table, so a value another writer picked up is never mistaken for this table's."""
        return json.dumps({"silver": silver, "bronze_first": self.first, "bronze_last": self.last, "bronze_id": bronze_id})


@dataclass(frozen=True)
class Processed:
    """What silver's commits record: the last bronze version processed (-1 before the first batch) and
    bronze's table id then (None before the first batch, or in a commit older than the id's recording)."""

    last: int
    bronze_id: str | None


class BronzeRebuiltError(Exception):
    """Bronze is another table than the one silver processed: its versions say nothing about silver's rows."""


def app_id(silver: str, bronze_id: str) -> str:
    """The idempotent writes' txnAppId: per bronze table, so a rebuilt bronze's versions, restarting at 0, are never taken as seen."""
    return f"{silver}@{bronze_id}"


def processed(spark: SparkSession, silver: str) -> Processed:
    """The last bronze version silver has recorded, and bronze's table id then: from silver's own commit metadata."""
    rows = spark.sql(f"DESCRIBE HISTORY {silver}").where(F.col("userMetadata").isNotNull()).select("version", "userMetadata").collect()
    for row in sorted(rows, key=lambda r: -int(r["version"])):
        recorded = _recorded(str(row["userMetadata"]), silver)
        if recorded is not None:
            return recorded
    return Processed(-1, None)


def _recorded(text: str, silver: str) -> Processed | None:
    """What a commit's metadata records for `silver`; None for any other metadata."""
    try:
        value = json.loads(text)
    except ValueError:
        return None
    if isinstance(value, dict) and value.get("silver") == silver and isinstance(value.get("bronze_last"), int):
        bronze_id = value.get("bronze_id")
        return Processed(int(value["bronze_last"]), bronze_id if isinstance(bronze_id, str) else None)
    return None


def check_bronze(done: Processed, bronze: str, bronze_id: str, silver: str, way_on: str) -> None:
    """Fails when bronze is not the table silver recorded (dropped and created again): never a silent skip."""
    if done.bronze_id is not None and done.bronze_id != bronze_id:
        raise BronzeRebuiltError(
            f"{bronze} was rebuilt: its table id is {bronze_id}, while {silver} recorded bronze versions up to {done.last} of table id"
            f" {done.bronze_id}. The new table's versions restart at 0, so silver cannot tell which of its rows it has processed,"
            f" and processes none. {way_on}"
        )


def open_batch_end(spark: SparkSession, quality: str, dataset: str, first: int) -> int | None:
    """The last version of a batch starting at `first` whose quality results were recorded but whose silver commit is missing."""
    row = spark.table(quality).where((F.col("dataset") == dataset) & (F.col("bronze_first") == first)).agg(F.max("bronze_last")).first()
    return None if row is None or row[0] is None else int(row[0])


def accepted_batch(value: str, dataset: str) -> Batch | None:
    """The held batch of `dataset` the operator lets through: accept_held_batch is `none` or `<dataset>:<first>-<last>`, comma-separated."""
    if value == NO_HELD_BATCH:
        return None
    found = None
    for item in value.split(","):
        match = ACCEPTED.match(item.strip())
        if match is None:
            raise ValueError(
                f"accept_held_batch: {item.strip()!r} is not a held batch; expected {NO_HELD_BATCH!r} or <dataset>:<first>-<last>"
                " (comma-separated), as the quality gate's error names it"
            )
        if match[1] == dataset:
            found = Batch(int(match[2]), int(match[3]))
    return found


def append(frame: DataFrame, table: str, app_id: str, batch: Batch, metadata: str | None = None) -> None:
    """Appends once per batch: a retry of the same batch adds nothing."""
    writer = frame.write.format("delta").mode("append").option("txnAppId", app_id).option("txnVersion", batch.last)
    if metadata is not None:
        writer = writer.option("userMetadata", metadata)
    writer.saveAsTable(table)


def replace_batch(frame: DataFrame, table: str, version_column: str, batch: Batch) -> None:
    """Replaces the table's rows of the batch (those whose `version_column` is in its range) by `frame`'s, in one commit."""
    where = f"{version_column} BETWEEN {batch.first} AND {batch.last}"
    frame.write.format("delta").mode("overwrite").option("replaceWhere", where).saveAsTable(table)


def record_empty(spark: SparkSession, silver: str, batch: Batch, bronze_id: str) -> None:
    """Records a batch without inserted rows in a commit that writes no rows: a table property, with the batch's metadata."""
    with commit_metadata(spark, batch.metadata(silver, bronze_id)):
        spark.sql(f"ALTER TABLE {silver} SET TBLPROPERTIES ('{EMPTY_BATCH_PROPERTY}' = '{batch.first}-{batch.last}')")


@contextmanager
def commit_metadata(spark: SparkSession, metadata: str) -> Iterator[None]:
    """Within it, the session's Delta commits (a MERGE has no writer options) carry `metadata`."""
    with _SESSION_CONF:
        spark.conf.set(USER_METADATA_CONF, metadata)
        try:
            yield
        finally:
            spark.conf.unset(USER_METADATA_CONF)
