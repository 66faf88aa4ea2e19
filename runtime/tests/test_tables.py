"""Tables shared by tasks that run at once (the quality results): concurrent first CREATEs and appends."""

import threading
from collections.abc import Callable

from pyspark.sql import SparkSession

from lakehouse_runtime import batches
from lakehouse_runtime.batches import Batch
from lakehouse_runtime.config import Column
from lakehouse_runtime.tables import create_table, latest_version, table_properties

COLUMNS: list[Column] = [{"name": "dataset", "type": "STRING"}, {"name": "n", "type": "INT"}]
TASKS = 4


def at_once(spark: SparkSession, work: Callable[[SparkSession, int], None]) -> list[BaseException]:
    """Runs work(session, i) in TASKS threads released together, each in a session of its own; returns what they raised."""
    barrier, errors = threading.Barrier(TASKS), []

    def task(i: int) -> None:
        session = spark.newSession()
        barrier.wait()
        try:
            work(session, i)
        except Exception as error:  # the test asserts there are none
            errors.append(error)

    threads = [threading.Thread(target=task, args=(i,)) for i in range(TASKS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_tasks_creating_the_same_table_at_once_all_succeed(spark):
    table = "spark_catalog.silver.race_created"
    errors = at_once(spark, lambda session, _: create_table(session, table, COLUMNS, table_properties(False)))
    assert errors == []
    assert spark.table(table).columns == ["dataset", "n"]
    assert latest_version(spark, table) == 0


def test_tasks_appending_to_the_same_table_at_once_all_land_once(spark):
    table = "spark_catalog.silver.race_appended"
    create_table(spark, table, COLUMNS, table_properties(False))

    def append(session: SparkSession, i: int) -> None:
        frame = session.createDataFrame([(f"d{i}", j) for j in range(3)], "dataset STRING, n INT")
        batches.append(frame, table, f"silver.d{i}", Batch(0, 1))
        batches.append(frame, table, f"silver.d{i}", Batch(0, 1))  # a retry of the same batch adds nothing

    assert at_once(spark, append) == []
    counts = {r["dataset"]: r["count"] for r in spark.table(table).groupBy("dataset").count().collect()}
    assert counts == {f"d{i}": 3 for i in range(TASKS)}
