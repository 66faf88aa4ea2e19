"""Maintenance's decision per table, from its history alone, and a run over real tables."""

from datetime import datetime, timedelta

import pytest
from lakehouse_harness.dbutils import DbUtils
from pyspark.sql import Row

from lakehouse_runtime.config import MaintenanceConfig
from lakehouse_runtime.maintenance import MaintenanceError, due, histories, history, run
from lakehouse_runtime.tables import table_property

NOW = datetime(2026, 6, 1)
DAY = timedelta(days=1)


def commit(version: int, operation: str, age_days: float, files: int = 0, rows: int = 0) -> Row:
    metrics = {"numFiles": str(files), "numOutputRows": str(rows)} if files or rows else {}
    return Row(version=version, timestamp=NOW - age_days * DAY, operation=operation, operationMetrics=metrics)


def test_optimize_waits_for_enough_new_files_with_rows():
    history = [commit(0, "CREATE TABLE", 3), commit(1, "WRITE", 2, files=30, rows=10), commit(2, "VACUUM END", 0)]
    assert due(history, 7 * DAY, 50, NOW)[0] is False
    assert due([*history, commit(3, "WRITE", 1, files=30, rows=10)], 7 * DAY, 50, NOW)[0] is True


def test_optimize_counts_only_commits_since_the_last_optimize():
    history = [commit(0, "WRITE", 3, files=60, rows=10), commit(1, "OPTIMIZE", 2, files=1, rows=10), commit(2, "VACUUM END", 0)]
    assert due(history, 7 * DAY, 50, NOW)[0] is False


def test_vacuum_waits_until_a_commit_is_older_than_the_retention_when_none_is_on_record():
    young = [commit(0, "CREATE TABLE", 2), commit(1, "WRITE", 1, files=1, rows=1)]
    assert due(young, 7 * DAY, 50, NOW)[1] is False
    assert due(young, 1.5 * DAY, 50, NOW)[1] is True


def test_vacuum_runs_when_a_commit_aged_past_the_retention_since_the_last_one():
    assert due([commit(0, "WRITE", 8, files=1, rows=1)], 7 * DAY, 50, NOW)[1] is True
    recent = [commit(0, "WRITE", 20, files=1, rows=1), commit(1, "VACUUM END", 10), commit(2, "WRITE", 5, files=1, rows=1)]
    assert due(recent, 7 * DAY, 50, NOW)[1] is False
    assert due(recent, 3 * DAY, 50, NOW)[1] is True


def test_a_history_delta_trimmed_counts_as_aged_until_a_vacuum_covers_it():
    # A 60-day retention: the commits that aged past it are gone from the log (it starts at version 40).
    trimmed = [commit(40, "WRITE", 50, files=1, rows=1), commit(41, "WRITE", 10, files=1, rows=1)]
    assert due(trimmed, 60 * DAY, 50, NOW)[1] is True
    # A VACUUM 20 days ago ran after every trimmed commit had aged past the retention: nothing new to delete.
    vacuumed = [commit(40, "WRITE", 90, files=1, rows=1), commit(41, "VACUUM END", 20), commit(42, "WRITE", 10, files=1, rows=1)]
    assert due(vacuumed, 60 * DAY, 50, NOW)[1] is False
    # One that ran before the last trimmed commit aged past the retention may have left its files.
    assert due([*vacuumed[:1], commit(41, "VACUUM END", 40), vacuumed[2]], 60 * DAY, 50, NOW)[1] is True


def test_histories_are_read_together_and_returned_in_the_tables_order(spark):
    tables = [f"spark_catalog.silver.maint_{i}" for i in range(5)]
    for i, table in enumerate(tables):
        spark.sql(f"CREATE TABLE {table} (id INT) USING DELTA")
        for _ in range(i):
            spark.sql(f"INSERT INTO {table} VALUES (1)")
    read = histories(spark, tables)
    assert [len(h) for h in read] == [1, 2, 3, 4, 5]
    assert read == [history(spark, table) for table in tables]


def decisions(capsys) -> list[str]:
    return [line for line in capsys.readouterr().out.splitlines() if ": optimize=" in line]


def test_a_run_decides_and_reports_every_table_in_the_configured_order(spark, capsys):
    spark.sql("CREATE TABLE spark_catalog.bronze.maint_run (id INT) USING DELTA")
    spark.sql("INSERT INTO spark_catalog.bronze.maint_run VALUES (1)")
    spark.sql("CREATE TABLE spark_catalog.gold.maint_run (id INT) USING DELTA")
    values = {"catalog": "spark_catalog", "optimize_min_files": "1"}
    values |= {f"retention_days_{layer}": "7" for layer in ("bronze", "silver", "gold")}
    config: MaintenanceConfig = {"tables": [{"layer": "gold", "table": "gold.maint_run"}, {"layer": "bronze", "table": "bronze.maint_run"}]}
    run(spark, DbUtils(values), config)
    # Both tables are younger than their retention: nothing for VACUUM to delete yet.
    assert decisions(capsys) == [
        "spark_catalog.gold.maint_run: optimize=False vacuum=False retention set to 7 days",
        "spark_catalog.bronze.maint_run: optimize=True vacuum=False retention set to 7 days",
    ]
    run(spark, DbUtils(values), config)
    # The OPTIMIZE of a one-file table committed nothing, so it stays due.
    assert decisions(capsys) == [
        "spark_catalog.gold.maint_run: optimize=False vacuum=False",
        "spark_catalog.bronze.maint_run: optimize=True vacuum=False",
    ]


def test_a_run_keeps_each_table_to_its_layers_retention_in_delta_properties(spark, capsys):
    spark.sql("CREATE TABLE spark_catalog.gold.maint_retention (id INT) USING DELTA")
    values = {"catalog": "spark_catalog", "optimize_min_files": "50", "retention_days_bronze": "7", "retention_days_silver": "7"}
    config: MaintenanceConfig = {"tables": [{"layer": "gold", "table": "gold.maint_retention"}]}
    table = "spark_catalog.gold.maint_retention"
    run(spark, DbUtils({**values, "retention_days_gold": "1825"}), config)
    # Without them Delta drops history after 30 days, and maintenance would never see a commit 1825 days old.
    assert table_property(spark, table, "delta.deletedFileRetentionDuration") == "interval 1825 days"
    assert table_property(spark, table, "delta.logRetentionDuration") == "interval 1855 days"
    versions = spark.sql(f"DESCRIBE HISTORY {table}").count()
    run(spark, DbUtils({**values, "retention_days_gold": "1825"}), config)
    assert spark.sql(f"DESCRIBE HISTORY {table}").count() == versions  # already set: no commit
    run(spark, DbUtils({**values, "retention_days_gold": "30"}), config)
    assert table_property(spark, table, "delta.deletedFileRetentionDuration") == "interval 30 days"
    assert decisions(capsys)[-1] == f"{table}: optimize=False vacuum=False retention set to 30 days"


def test_a_table_that_fails_does_not_stop_the_others_and_the_task_fails_naming_each(spark, capsys):
    for layer in ("bronze", "silver"):
        spark.sql(f"CREATE TABLE spark_catalog.{layer}.maint_survivor (id INT) USING DELTA")
    values = {"catalog": "spark_catalog", "optimize_min_files": "50"} | {
        f"retention_days_{layer}": "7" for layer in ("bronze", "silver", "gold")
    }
    config: MaintenanceConfig = {
        "tables": [
            {"layer": "bronze", "table": "bronze.maint_survivor"},
            {"layer": "silver", "table": "silver.maint_never_created"},
            {"layer": "gold", "table": "gold.maint_never_created"},
            {"layer": "silver", "table": "silver.maint_survivor"},
        ]
    }
    with pytest.raises(MaintenanceError) as raised:
        run(spark, DbUtils(values), config)
    assert sorted(raised.value.failures) == ["spark_catalog.gold.maint_never_created", "spark_catalog.silver.maint_never_created"]
    assert all(reason.startswith("AnalysisException: ") for reason in raised.value.failures.values())
    assert "spark_catalog.silver.maint_never_created: AnalysisException" in str(raised.value)
    # The tables after the failing ones were maintained too.
    assert decisions(capsys) == [
        "spark_catalog.bronze.maint_survivor: optimize=False vacuum=False retention set to 7 days",
        "spark_catalog.silver.maint_survivor: optimize=False vacuum=False retention set to 7 days",
    ]
    assert table_property(spark, "spark_catalog.silver.maint_survivor", "delta.deletedFileRetentionDuration") == "interval 7 days"
