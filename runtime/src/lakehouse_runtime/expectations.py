"""Great Expectations over the pipeline's tables: each dataset's expectation suite (generated from its
rules, jobs/expectations.ts) validated by GX Core on a Spark DataFrame. As a job task (gold waits for
it), the rows the run wrote to each silver table (silver stamps them with `_run_id`) are validated by
a Checkpoint per dataset in a file-backed GX project in the data quality volume: the Checkpoint's
ValidationDefinition stores the result and its UpdateDataDocsAction rebuilds the Data Docs site there.
The results are also written to a table once per run (a retry's replace the earlier attempt's), and
the task fails when a `fail`-severity (GX: critical) expectation fails; `warn` ones (GX: warning) are
recorded and alerted on.

GX gets the running SparkSession: its Spark datasource is created without a spark_config, since
with one GX stops and restarts the session and the new one lacks Delta's settings.
great_expectations is imported here only, so the pipeline's other tasks run without it.
"""

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from . import params
from .config import Column, ExpectationsConfig
from .tables import create_table, qualified, table_properties

PARAMETERS = ["catalog", "run_id", "expectations_path", "data_quality_path"]

RESULT_COLUMNS: list[Column] = [
    {"name": "dataset", "type": "STRING"},
    {"name": "run_id", "type": "STRING"},
    {"name": "rule", "type": "STRING"},
    {"name": "expectation", "type": "STRING"},
    {"name": "success", "type": "BOOLEAN"},
    {"name": "unexpected", "type": "BIGINT"},
    {"name": "total", "type": "BIGINT"},
    #: fail or warn: the expectation's severity in the spec.
    {"name": "severity", "type": "STRING"},
    #: GX's observed value (a batch's row count, its latest ordering value, a column's type), when it reports one.
    {"name": "observed", "type": "STRING"},
]
#: One result per run, dataset, rule and expectation: what a retried task's results are matched on.
RESULT_KEY = ("run_id", "dataset", "rule", "expectation")
ResultRow = tuple[str, str, str, str, bool, int, int, str, str | None]
#: GX's severities as the spec names them.
SEVERITY = {"critical": "fail", "warning": "warn"}
#: The GX project's data source: one dataframe asset per dataset, its batch the frame the task passes.
DATASOURCE = "lakehouse"
BATCH_DEFINITION = "silver_batch"
#: The Data Docs page a person opens, below the project's root: GX's default site, local_site (docs/data-quality.md).
DATA_DOCS_INDEX = "gx/uncommitted/data_docs/local_site/index.html"
#: The suite parameter of a freshness expectation (jobs/expectations.ts FRESH_SINCE).
FRESH_SINCE = "fresh_since"


class ExpectationsFailedError(Exception):
    """A table failed an expectation of its suite: the task fails, the job alerts as for the quality gate."""


def parameters(suite: dict[str, Any], frame: DataFrame, now: datetime) -> dict[str, Any]:
    """The suite's parameters: a freshness expectation's lower bound, now less its max_age_hours, as a date for a date column.

    `now` is naive local time, as Spark returns timestamps to Python."""
    out: dict[str, Any] = {}
    for e in suite["expectations"]:
        hours = e["meta"].get("max_age_hours")
        if hours is not None:
            since = now - timedelta(hours=hours)
            out[FRESH_SINCE] = since.date() if frame.schema[e["kwargs"]["column"]].dataType.typeName() == "date" else since
    return out


def validate(frame: DataFrame, suite: dict[str, Any], row_id: str | None = None) -> Any:
    """GX's ExpectationSuiteValidationResult for `frame` in a throwaway context; with `row_id`, every unexpected row is
    identified by that column."""
    import great_expectations as gx
    from great_expectations.core import ExpectationSuite

    context = gx.get_context(mode="ephemeral")
    asset = context.data_sources.add_spark(name=DATASOURCE).add_dataframe_asset(name=suite["name"])
    batch = asset.add_batch_definition_whole_dataframe("whole").get_batch(batch_parameters={"dataframe": frame})
    expectations = context.suites.add(ExpectationSuite(**suite))
    result_format = {"result_format": "COMPLETE", "unexpected_index_column_names": [row_id]} if row_id else {"result_format": "SUMMARY"}
    return batch.validate(expectations, result_format=result_format, expectation_parameters=parameters(suite, frame, datetime.now()))


def project(root: str) -> Any:
    """The file-backed GX project rooted at `root` (the data quality volume): created on first use, reused after."""
    import great_expectations as gx

    return gx.get_context(mode="file", project_root_dir=root)


def checkpoint(context: Any, suite: dict[str, Any]) -> Any:
    """The dataset's Checkpoint (<dataset>_silver) over its ValidationDefinition (<dataset>_silver_batch: the
    suite on the run's silver batch), with the action that updates Data Docs; created or brought up to the suite."""
    import great_expectations as gx
    from great_expectations.checkpoint import UpdateDataDocsAction
    from great_expectations.core import ExpectationSuite

    name = suite["name"]
    sources = context.data_sources
    source = sources.get(DATASOURCE) if DATASOURCE in sources.all() else sources.add_spark(name=DATASOURCE)
    asset = source.get_asset(name) if name in {a.name for a in source.assets} else source.add_dataframe_asset(name=name)
    known = {b.name for b in asset.batch_definitions}
    batch = (
        asset.get_batch_definition(BATCH_DEFINITION)
        if BATCH_DEFINITION in known
        else asset.add_batch_definition_whole_dataframe(BATCH_DEFINITION)
    )
    expectations = context.suites.add_or_update(ExpectationSuite(**suite))
    definition = context.validation_definitions.add_or_update(
        gx.ValidationDefinition(name=f"{name}_silver_batch", data=batch, suite=expectations)
    )
    return context.checkpoints.add_or_update(
        gx.Checkpoint(
            name=f"{name}_silver",
            validation_definitions=[definition],
            actions=[UpdateDataDocsAction(name="update_data_docs")],
            result_format={"result_format": "SUMMARY"},
        )
    )


def run_checkpoint(context: Any, suite: dict[str, Any], frame: DataFrame, run_id: str) -> Any:
    """The dataset's Checkpoint over `frame`, its stored result and Data Docs page named by the job's run id; returns the
    suite's validation result."""
    from great_expectations.core.run_identifier import RunIdentifier

    result = checkpoint(context, suite).run(
        batch_parameters={"dataframe": frame},
        expectation_parameters=parameters(suite, frame, datetime.now()),
        run_id=RunIdentifier(run_name=run_id),
    )
    (validation,) = result.run_results.values()
    return validation


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
    """How many rows one expectation found unexpected: a query expectation reports it as its observed value, a batch
    expectation (row count, latest value, type) has none."""
    if "unexpected_count" in result.result:
        # GX reports no count at all for an empty batch.
        return int(result.result["unexpected_count"] or 0)
    if result.expectation_config.type == "unexpected_rows_expectation":
        return int(result.result.get("observed_value") or 0)
    return 0


def observed(result: Any) -> str | None:
    value = result.result.get("observed_value")
    return None if value is None else str(value)


def severity_of(result: Any) -> str:
    """The expectation's severity as the spec names it (fail, warn)."""
    return SEVERITY[str(result.expectation_config.severity.value)]


def result_rows(dataset: str, run_id: str, result: Any, total: int) -> list[ResultRow]:
    """One row per expectation of a validation, as the results table holds it."""
    return [
        (
            dataset,
            run_id,
            rule_of(r),
            str(r.expectation_config.type),
            bool(r.success),
            unexpected_count(r),
            total,
            severity_of(r),
            observed(r),
        )
        for r in result.results
    ]


def record(spark: SparkSession, results: str, rows: list[ResultRow]) -> None:
    """Writes a validation's results once per run however often the task is retried: one MERGE keyed by
    (run_id, dataset, rule, expectation), a retry's results replacing the earlier attempt's."""
    create_table(spark, results, [*RESULT_COLUMNS, {"name": "evaluated_at", "type": "TIMESTAMP"}], table_properties(False))
    # A table created before severity and observed were recorded gains them (null for earlier runs).
    added = [c for c in RESULT_COLUMNS if c["name"] not in spark.table(results).columns]
    if added:
        columns = ", ".join(f"{c['name']} {c['type']}" for c in added)
        spark.sql(f"ALTER TABLE {results} ADD COLUMNS ({columns})")
    schema = ", ".join(f"{c['name']} {c['type']}" for c in RESULT_COLUMNS)
    spark.createDataFrame(rows, schema).withColumn("evaluated_at", F.current_timestamp()).createOrReplaceTempView("validation_results")
    on = " AND ".join(f"t.{key} = s.{key}" for key in RESULT_KEY)
    spark.sql(
        f"MERGE INTO {results} AS t USING validation_results AS s ON {on} WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *"
    )


def run(spark: SparkSession, dbutils: Any, config: ExpectationsConfig) -> None:
    """The validation task: each silver table's rows of this run through its dataset's Checkpoint, results recorded,
    `fail` failures raised together. A dataset the run wrote no rows to has no batch and is not validated."""
    p = params.read(dbutils, PARAMETERS)
    context = project(p["data_quality_path"])
    rows: list[ResultRow] = []
    for target in config["targets"]:
        suite = json.loads(Path(p["expectations_path"], target["suite_file"]).read_text())
        frame = spark.table(qualified(p["catalog"], target["table"])).where(F.col("_run_id") == p["run_id"])
        total = frame.count()
        if total == 0:
            print(f"{target['dataset']}: this run wrote no rows to {target['table']}, nothing to validate")
            continue
        rows += result_rows(target["dataset"], p["run_id"], run_checkpoint(context, suite, frame, p["run_id"]), total)
    results = qualified(p["catalog"], config["results_table"])
    if rows:
        record(spark, results, rows)
    failed = [
        f"{dataset}: {rule} ({unexpected} of {total} rows, observed {seen})"
        for dataset, _, rule, _, ok, unexpected, total, severity, seen in rows
        if not ok and severity == "fail"
    ]
    warned = [
        f"{dataset}: {rule} (observed {seen})" for dataset, _, rule, _, ok, _, _, severity, seen in rows if not ok and severity == "warn"
    ]
    if warned:
        print(f"{len(warned)} warn-severity expectation(s) failed, recorded in {results}: " + "; ".join(warned))
    if failed:
        docs = f"{p['data_quality_path']}/{DATA_DOCS_INDEX}"
        raise ExpectationsFailedError(f"{len(failed)} expectation(s) failed, see {results} and {docs}: " + "; ".join(failed))
