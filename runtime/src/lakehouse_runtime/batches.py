"""Silver's bronze batches: which range of bronze versions a run processes, and how each write
records it, so that after a crash at any point silver, quarantine, quality results and the
processed version agree.

- The processed bronze version is in silver's own commit: the append or MERGE that writes a
  batch's rows carries the range as commit metadata (`userMetadata`, readable in DESCRIBE HISTORY:
  https://docs.databricks.com/aws/en/delta/custom-metadata), so the rows and the version land or
  fail together.
- The quality results and quarantine appends are keyed by the range they cover (`txnAppId` the
  silver table, `txnVersion` the range's last bronze version: Delta skips a version it has seen,
  https://docs.delta.io/latest/delta-batch.html#idempotent-writes).
- A range whose quality results exist but whose silver commit does not (a crash, or a held batch
  after the quality gate tripped) is processed again exactly, never merged with later data, so its
  rows are quarantined and counted once however often the task is retried.
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

    def metadata(self, silver: str) -> str:
        """Commit metadata naming the table, so a value another writer picked up is never mistaken for this table's."""
        return json.dumps({"silver": silver, "bronze_first": self.first, "bronze_last": self.last})


def processed_version(spark: SparkSession, silver: str) -> int:
    """The last bronze version silver has committed (-1 before the first batch): from silver's own commit metadata."""
    rows = spark.sql(f"DESCRIBE HISTORY {silver}").where(F.col("userMetadata").isNotNull()).select("version", "userMetadata").collect()
    for row in sorted(rows, key=lambda r: -int(r["version"])):
        last = _bronze_last(str(row["userMetadata"]), silver)
        if last is not None:
            return last
    return -1


def _bronze_last(text: str, silver: str) -> int | None:
    """The last bronze version a commit's metadata records for `silver`; None for any other metadata."""
    try:
        value = json.loads(text)
    except ValueError:
        return None
    if isinstance(value, dict) and value.get("silver") == silver and isinstance(value.get("bronze_last"), int):
        return int(value["bronze_last"])
    return None


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


@contextmanager
def commit_metadata(spark: SparkSession, metadata: str) -> Iterator[None]:
    """Within it, the session's Delta commits (a MERGE has no writer options) carry `metadata`."""
    with _SESSION_CONF:
        spark.conf.set(USER_METADATA_CONF, metadata)
        try:
            yield
        finally:
            spark.conf.unset(USER_METADATA_CONF)
