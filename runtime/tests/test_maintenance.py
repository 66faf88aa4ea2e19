"""Maintenance's decision per table, from its history alone."""

from datetime import datetime, timedelta

from pyspark.sql import Row

from lakehouse_runtime.maintenance import due

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


def test_vacuum_runs_when_none_is_on_record_and_when_a_commit_aged_past_the_retention_since():
    assert due([commit(0, "WRITE", 1, files=1, rows=1)], 7 * DAY, 50, NOW)[1] is True
    recent = [commit(0, "WRITE", 20, files=1, rows=1), commit(1, "VACUUM END", 10), commit(2, "WRITE", 5, files=1, rows=1)]
    assert due(recent, 7 * DAY, 50, NOW)[1] is False
    assert due(recent, 3 * DAY, 50, NOW)[1] is True
