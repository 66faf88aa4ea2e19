"""The generated Great Expectations suites, run by the real great_expectations on local Spark over
the tables the example's pipeline wrote: silver passes every expectation, and on each run's batch GX
fails exactly the rows and rules the pipeline quarantined, with the same count per rule."""

import json
from pathlib import Path

import pytest
from lakehouse_harness.notebook import cells, run_notebook
from lakehouse_harness.pipeline import stack_dir
from lakehouse_runtime.bronze import AUDIT as BRONZE_AUDIT
from lakehouse_runtime.expectations import rule_of, unexpected_count, unexpected_rows, validate
from lakehouse_runtime.silver import standardise
from pyspark.sql import functions as F

DATASETS = ("customers", "orders", "payments", "products")
ROW = "_row"


def silver_config(pipeline, dataset):
    """The CONFIG the silver notebook passes to the runtime, read from the notebook the harness ran."""
    source = Path(pipeline.tasks[f"silver_{dataset}"].notebook).read_text()
    cell = next(c for c in cells(source) if c.lstrip().startswith("CONFIG = "))
    namespace = {}
    exec(cell, namespace)
    return namespace["CONFIG"]


def raw_row_id(config):
    """A bronze row's identity: its landing values and audit columns, as quarantine keeps them."""
    names = [c["name"] for c in config["landing_columns"]] + [c["name"] for c in BRONZE_AUDIT]
    return F.sha2(F.to_json(F.struct(*[F.col(f"`{n}`") for n in names])), 256)


def batch(scenario, config, stage):
    """The rows silver evaluated in `stage`'s run, typed and standardised as silver does, each with its raw row's identity."""
    bronze = scenario.table(config["bronze_table"], stage).where(F.col("_run_id") == scenario.run_ids[stage])
    typed = standardise(bronze.withColumn("_commit_version", F.lit(0)), config)
    return typed.withColumn(ROW, F.sha2(F.to_json(F.col("_bronze")), 256))


@pytest.fixture(scope="module")
def plan(pipeline):
    return pipeline.plan


def suite_rules(suite):
    return {e["meta"]["rule"] for e in suite["expectations"]}


@pytest.mark.parametrize("dataset", DATASETS)
def test_silver_passes_every_expectation(scenario, plan, dataset):
    suite = plan["expectationSuites"][dataset]
    silver = scenario.table(f"silver.{dataset}", "second").withColumn(ROW, F.monotonically_increasing_id())
    result = validate(silver, suite, ROW)
    assert {rule_of(r): r.success for r in result.results} == {rule: True for rule in suite_rules(suite)}
    assert result.success


@pytest.mark.parametrize("stage", ["first", "second"])
@pytest.mark.parametrize("dataset", DATASETS)
def test_gx_fails_exactly_the_rows_and_rules_the_pipeline_quarantined(scenario, pipeline, plan, dataset, stage):
    suite = plan["expectationSuites"][dataset]
    config = silver_config(pipeline, dataset)
    rows = batch(scenario, config, stage)
    result = validate(rows, suite, ROW)

    gx_failed = {}
    for r in result.results:
        for row in unexpected_rows(r, ROW):
            gx_failed.setdefault(row, set()).add(rule_of(r))
    quarantine = scenario.table(config["quarantine_table"], stage).where(F.col("_quarantine_run_id") == scenario.run_ids[stage])
    recorded = {
        r[ROW]: set(r["_failed_rules"]) & suite_rules(suite)
        for r in quarantine.select(raw_row_id(config).alias(ROW), "_failed_rules").collect()
    }
    assert {row: rules for row, rules in recorded.items() if rules} == gx_failed
    # Rows quarantined only for rules the suite lists in its notes pass every expectation.
    assert set(recorded) <= {r[ROW] for r in rows.select(ROW).collect()}

    quality = scenario.table("silver.quality_results", stage).where(
        (F.col("dataset") == dataset) & (F.col("run_id") == scenario.run_ids[stage])
    )
    pipeline_counts = {r["rule"]: r["failed"] for r in quality.collect() if r["rule"] in suite_rules(suite)}
    gx_counts = {rule_of(r): unexpected_count(r) for r in result.results}
    if rows.isEmpty():
        # No new rows for the dataset in this run (products in the second): silver records no results.
        assert (pipeline_counts, set(gx_counts.values())) == ({}, {0})
    else:
        assert gx_counts == pipeline_counts


def test_the_run_quarantined_rows_for_the_rules_compared(scenario, pipeline, plan):
    """The comparison above is not vacuous: the example's batches fail expressed rules of every kind it uses."""
    failed = set()
    for dataset in DATASETS:
        config = silver_config(pipeline, dataset)
        for r in scenario.table(config["quarantine_table"], "second").collect():
            failed |= set(r["_failed_rules"]) & suite_rules(plan["expectationSuites"][dataset])
    kinds = {rule.split(":")[0] for rule in failed}
    assert {"expect_column_values_to_be_between", "expect_column_values_to_be_in_set", "expect_column_values_to_match_regex"} <= kinds


# ---- the validation task (environments[].greatExpectations.validate) ----------------------------


def validation_notebook(pipeline, task):
    """The task's notebook: generated beside the others, or from a synthesized stack that deploys it
    (the harness's stack may not: the example's dev does not validate; notebooks are the same in every stack)."""
    if pipeline.notebook_source != "synth":
        return pipeline.scratch / task["fileName"]
    deployed = [
        stack / notebook["source"]
        for stack in sorted(stack_dir().parent.iterdir())
        if (stack / "cdk.tf.json").exists()
        for notebook in json.loads((stack / "cdk.tf.json").read_text()).get("resource", {}).get("databricks_notebook", {}).values()
        if notebook["path"].endswith(f"/{task['notebookName']}")
    ]
    assert deployed, "no synthesized stack deploys the validation notebook"
    return deployed[0]


def run_validation_task(scenario, pipeline, suites, folder, run_id):
    """The generated validation notebook, run as the job runs it, reading `suites` from `folder`."""
    (task,) = pipeline.plan["validationTasks"]
    notebook = validation_notebook(pipeline, task)
    folder.mkdir(parents=True, exist_ok=True)
    for dataset, suite in suites.items():
        (folder / f"{dataset}.json").write_text(json.dumps(suite))
    parameters = {**{k: v.replace("{{job.run_id}}", run_id) for k, v in task["parameters"].items()}, "expectations_path": str(folder)}
    run_notebook(scenario.spark, notebook, parameters)


def results(scenario, run_id):
    rows = scenario.spark.table("spark_catalog.silver.expectation_results").where(F.col("run_id") == run_id).collect()
    return {(r["dataset"], r["rule"]): (r["success"], r["unexpected"], r["total"]) for r in rows}


def test_the_validation_task_records_every_expectation_of_every_silver_table(scenario, pipeline, plan, tmp_path):
    run_validation_task(scenario, pipeline, plan["expectationSuites"], tmp_path / "suites", "gx-pass")
    totals = {d: scenario.spark.table(f"spark_catalog.silver.{d}").count() for d in DATASETS}
    expected = {(d, rule): (True, 0, totals[d]) for d in DATASETS for rule in suite_rules(plan["expectationSuites"][d])}
    assert results(scenario, "gx-pass") == expected


def test_the_validation_task_fails_naming_the_failed_expectation(scenario, pipeline, plan, tmp_path):
    """A suite silver does not meet (quantity at most 1) fails the task, every retry too, and the results say which rows, once."""
    suites = json.loads(json.dumps(plan["expectationSuites"]))
    between = next(e for e in suites["orders"]["expectations"] if e["meta"]["rule"] == "expect_column_values_to_be_between:quantity")
    between["kwargs"]["max_value"] = 1
    for _ in range(3):  # the attempt and the job's two retries
        with pytest.raises(Exception, match=r"1 expectation\(s\) failed.*orders: expect_column_values_to_be_between:quantity") as raised:
            run_validation_task(scenario, pipeline, suites, tmp_path / "strict", "gx-fail")
        assert type(raised.value).__name__ == "ExpectationsFailedError"
    # Written once however often the task was retried: one row per dataset and rule of the run.
    rows = scenario.spark.table("spark_catalog.silver.expectation_results").where(F.col("run_id") == "gx-fail")
    assert rows.count() == len(results(scenario, "gx-fail"))
    over_one = scenario.spark.table("spark_catalog.silver.orders").where("quantity > 1").count()
    recorded = results(scenario, "gx-fail")
    assert recorded[("orders", "expect_column_values_to_be_between:quantity")][:2] == (False, over_one)
    assert [key for key, (success, _, _) in recorded.items() if not success] == [("orders", "expect_column_values_to_be_between:quantity")]
