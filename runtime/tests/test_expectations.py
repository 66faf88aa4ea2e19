"""The validation task's results table (GX itself runs in .venv-gx: __tests__/gx)."""

from lakehouse_runtime.expectations import ResultRow, record

TABLE = "spark_catalog.silver.validation_once"


def row(run_id: str, rule: str, ok: bool, unexpected: int) -> ResultRow:
    return ("orders", run_id, rule, "expect_column_values_to_be_between", ok, unexpected, 10, "fail", None)


def test_results_are_written_once_however_often_the_task_is_retried(spark):
    first = [row("run-1", "between:quantity", False, 2), row("run-1", "between:price", True, 0)]
    for _ in range(3):  # the attempt and its two retries
        record(spark, TABLE, first)
    record(spark, TABLE, [row("run-2", "between:quantity", True, 0)])
    recorded = spark.table(TABLE).select("run_id", "rule", "success", "unexpected").collect()
    assert sorted(tuple(r) for r in recorded) == [
        ("run-1", "between:price", True, 0),
        ("run-1", "between:quantity", False, 2),
        ("run-2", "between:quantity", True, 0),
    ]
    # A retry that sees other results (silver repaired in between) replaces the attempt's, never adds to them.
    record(spark, TABLE, [row("run-2", "between:quantity", False, 1)])
    assert spark.table(TABLE).where("run_id = 'run-2'").select("success", "unexpected").collect() == [(False, 1)]


def test_a_results_table_from_before_severity_and_observed_gains_them(spark):
    table = "spark_catalog.silver.validation_before_severity"
    spark.sql(
        f"CREATE TABLE {table} (dataset STRING, run_id STRING, rule STRING, expectation STRING, success BOOLEAN,"
        " unexpected BIGINT, total BIGINT, evaluated_at TIMESTAMP) USING DELTA"
    )
    spark.sql(f"INSERT INTO {table} VALUES ('orders', 'run-0', 'r', 'e', true, 0, 10, current_timestamp())")
    record(spark, table, [("orders", "run-1", "batch_row_count", "expect_table_row_count_to_be_between", False, 0, 10, "fail", "10")])
    recorded = spark.table(table).select("run_id", "severity", "observed").collect()
    assert sorted(tuple(r) for r in recorded) == [("run-0", None, None), ("run-1", "fail", "10")]
