"""Great Expectations over the pipeline's tables: each dataset's expectation suite (generated from its
rules, jobs/expectations.ts) validated by GX Core on a Spark DataFrame; as a job task, every silver
table validated, GX's results written to a table once per run (a retry's replace the earlier
attempt's), and the task failed when an expectation fails.

GX gets the running SparkSession: its Spark datasource is created without a spark_config, since
with one GX stops and restarts the session and the new one lacks Delta's settings.
great_expectations is imported here only, so the pipeline's other tasks run without it.
"""

import json
from pathlib import Path
from typing import Any

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from . import params
from .config import Column, ExpectationsConfig
from .tables import create_table, qualified, table_properties

PARAMETERS = ["catalog", "run_id", "expectations_path"]

RESULT_COLUMNS: list[Column] = [
    {"name": "dataset", "type": "STRING"},
    {"name": "run_id", "type": "STRING"},
    {"name": "rule", "type": "STRING"},
    {"name": "expectation", "type": "STRING"},
    {"name": "success", "type": "BOOLEAN"},
    {"name": "unexpected", "type": "BIGINT"},
    {"name": "total", "type": "BIGINT"},
]
#: One result per run, dataset, rule and expectation: what a retried task's results are matched on.
RESULT_KEY = ("run_id", "dataset", "rule", "expectation")
ResultRow = tuple[str, str, str, str, bool, int, int]


class ExpectationsFailedError(Exception):
    """A table failed an expectation of its suite: the task fails, the job alerts as for the quality gate."""


def validate(frame: DataFrame, suite: dict[str, Any], row_id: str | None = None) -> Any:
    """GX's ExpectationSuiteValidationResult for `frame`; with `row_id`, every unexpected row is identified by that column."""
    import great_expectations as gx
    from great_expectations.core import ExpectationSuite

    context = gx.get_context(mode="ephemeral")
    asset = context.data_sources.add_spark(name="lakehouse").add_dataframe_asset(name=suite["name"])
    batch = asset.add_batch_definition_whole_dataframe("whole").get_batch(batch_parameters={"dataframe": frame})
    expectations = context.suites.add(ExpectationSuite(**suite))
    result_format = {"result_format": "COMPLETE", "unexpected_index_column_names": [row_id]} if row_id else {"result_format": "SUMMARY"}
    return batch.validate(expectations, result_format=result_format)


def rule_of(result: Any) -> str:
    """The pipeline rule an expectation result belongs to (the suite's meta.rule)."""
    return str(result.expectation_config.meta["rule"])


def unexpected_rows(result: Any, row_id: str) -> set[Any]:
    """The row ids one expectation found unexpected: the index list of a column expectation, the rows of a query."""
    details = result.result.get("details", {})
    if "unexpected_rows" in details:
        return {row[row_id] for row in details["unexpected_rows"]}
    return {row[row_id] for row in result.result.get("unexpected_index_list") or []}


def unexpected_count(result: Any) -> int:
    """How many rows one expectation found unexpected (a query expectation reports it as its observed value)."""
    count = result.result.get("unexpected_count", result.result.get("observed_value"))
    # GX reports no count at all for an empty batch.
    return int(count or 0)


def result_rows(dataset: str, run_id: str, result: Any, total: int) -> list[ResultRow]:
    """One row per expectation of a validation, as the results table holds it."""
    return [
        (dataset, run_id, rule_of(r), str(r.expectation_config.type), bool(r.success), unexpected_count(r), total) for r in result.results
    ]


def record(spark: SparkSession, results: str, rows: list[ResultRow]) -> None:
    """Writes a validation's results once per run however often the task is retried: one MERGE keyed by
    (run_id, dataset, rule, expectation), a retry's results replacing the earlier attempt's."""
    create_table(spark, results, [*RESULT_COLUMNS, {"name": "evaluated_at", "type": "TIMESTAMP"}], table_properties(False))
    schema = ", ".join(f"{c['name']} {c['type']}" for c in RESULT_COLUMNS)
    spark.createDataFrame(rows, schema).withColumn("evaluated_at", F.current_timestamp()).createOrReplaceTempView("validation_results")
    on = " AND ".join(f"t.{key} = s.{key}" for key in RESULT_KEY)
    spark.sql(
        f"MERGE INTO {results} AS t USING validation_results AS s ON {on} WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *"
    )


def run(spark: SparkSession, dbutils: Any, config: ExpectationsConfig) -> None:
    """The validation task: every target table against its suite, results recorded, failures raised together."""
    p = params.read(dbutils, PARAMETERS)
    rows = []
    for target in config["targets"]:
        suite = json.loads(Path(p["expectations_path"], target["suite_file"]).read_text())
        frame = spark.table(qualified(p["catalog"], target["table"]))
        rows += result_rows(target["dataset"], p["run_id"], validate(frame, suite), frame.count())
    results = qualified(p["catalog"], config["results_table"])
    record(spark, results, rows)
    failed = [f"{dataset}: {rule} ({unexpected} of {total} rows)" for dataset, _, rule, _, ok, unexpected, total in rows if not ok]
    if failed:
        raise ExpectationsFailedError(f"{len(failed)} expectation(s) failed, see {results}: " + "; ".join(failed))
