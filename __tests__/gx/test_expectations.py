"""The generated Great Expectations suites, run by the real great_expectations on local Spark over
the tables the example's pipeline wrote: silver passes every row and schema expectation, and on each
run's batch GX fails exactly the rows and rules the pipeline quarantined, with the same count per
rule. The validation task, run in the synthesized job's DAG (a validating environment's), stores each
Checkpoint's result and Data Docs, lets gold run after a warn-severity failure and stops it after a
fail-severity one."""

import dataclasses
import json
from pathlib import Path

import pytest
from lakehouse_harness.job import job_from_stack
from lakehouse_harness.notebook import cells, run_notebook
from lakehouse_harness.pipeline import stack_dir
from lakehouse_harness.runner import JobRunner
from lakehouse_runtime.bronze import AUDIT as BRONZE_AUDIT
from lakehouse_runtime.expectations import DATA_DOCS_INDEX, rule_of, severity_of, unexpected_count, unexpected_rows, validate
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


def row_rules(pipeline, dataset, suite):
    """The suite's expectations of silver's row rules (not the batch's schema, volume and freshness)."""
    return suite_rules(suite) & {r["name"] for r in silver_config(pipeline, dataset)["rules"]}


@pytest.mark.parametrize("dataset", DATASETS)
def test_silver_passes_every_row_and_schema_expectation(scenario, plan, dataset):
    suite = plan["expectationSuites"][dataset]
    silver = scenario.table(f"silver.{dataset}", "second").withColumn(ROW, F.monotonically_increasing_id())
    result = validate(silver, suite, ROW)
    # Orders' freshness (warn) fails: the sample data is from January 2026, older than its 48 hours.
    failed = {rule_of(r): severity_of(r) for r in result.results if not r.success}
    assert failed == ({"freshness:updated_at": "warn"} if dataset == "orders" else {})
    assert {rule_of(r) for r in result.results} == suite_rules(suite)


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
    gx_counts = {rule_of(r): unexpected_count(r) for r in result.results if rule_of(r) in row_rules(pipeline, dataset, suite)}
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


# ---- the validation task (environments[].greatExpectations.validate), in the job's DAG -----------


def validating_stack():
    """A synthesized stack whose job validates and builds gold with notebooks (the example's prod)."""
    for stack in sorted(stack_dir().parent.iterdir()):
        if (stack / "cdk.tf.json").exists():
            jobs = json.loads((stack / "cdk.tf.json").read_text()).get("resource", {}).get("databricks_job", {}).values()
            keys = {t["task_key"] for j in jobs for t in j["task"]}
            if "validate_expectations" in keys and any(k.startswith("gold_") for k in keys):
                return stack
    raise AssertionError("no synthesized stack validates with Great Expectations and builds gold with notebooks: run npm run synth")


def gate_job(pipeline):
    """The validation task and the tasks waiting for it, with the synthesized job's edges, retries and run_if,
    their other dependencies (silver, governance setup) taken as done by the scenario's runs."""
    (validation,) = pipeline.plan["validationTasks"]
    local = {t["taskKey"]: t["parameters"] for t in [*pipeline.plan["tasks"], validation]}
    tasks = {t.key: t for t in job_from_stack(validating_stack(), set(local))}
    gated = {validation["taskKey"]} | {k for k, t in tasks.items() if validation["taskKey"] in t.depends_on}
    return [
        # No wait between attempts: the job's interval (a minute) proves nothing here.
        dataclasses.replace(t, depends_on=tuple(d for d in t.depends_on if d in gated), parameters=local[t.key], min_retry_interval_s=0.0)
        for k, t in tasks.items()
        if k in gated
    ]


def run_gate(scenario, pipeline, suites, folder):
    """One run of the gated part of the job over the second run's silver batches, the validation task reading `suites` from `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for dataset, suite in suites.items():
        (folder / f"{dataset}.json").write_text(json.dumps(suite))
    run_id = scenario.run_ids["second"]

    def execute(task, attempt):
        parameters = {k: v.replace("{{job.run_id}}", run_id) for k, v in task.parameters.items()}
        if task.key == "validate_expectations":
            parameters["expectations_path"] = str(folder)
        with pipeline.sessions.attempt() as session:
            run_notebook(session, task.notebook, parameters)

    tasks = gate_job(pipeline)
    return JobRunner(tasks, execute, job_groups=pipeline.sessions).run(run_id), tasks


def results(scenario, run_id):
    rows = scenario.spark.table("spark_catalog.silver.expectation_results").where(F.col("run_id") == run_id).collect()
    return {(r["dataset"], r["rule"]): (r["success"], r["unexpected"], r["total"], r["severity"]) for r in rows}


def batch_sizes(scenario):
    """The rows the second run wrote to each silver table (products: none)."""
    run_id = scenario.run_ids["second"]
    return {d: scenario.spark.table(f"spark_catalog.silver.{d}").where(F.col("_run_id") == run_id).count() for d in DATASETS}


def test_gold_waits_for_the_validation_task_in_the_synthesized_job(pipeline):
    tasks = {t.key: t.depends_on for t in gate_job(pipeline)}
    assert tasks == {
        "validate_expectations": (),
        "gold_customer_value": ("validate_expectations",),
        "gold_daily_sales": ("validate_expectations",),
        "gold_payment_mix": ("validate_expectations",),
    }


def test_a_warn_failure_is_recorded_with_its_checkpoint_result_and_data_docs_and_gold_runs(scenario, pipeline, plan, tmp_path):
    run, tasks = run_gate(scenario, pipeline, plan["expectationSuites"], tmp_path / "suites")
    assert {k: t.state for k, t in run.tasks.items()} == {t.key: "SUCCESS" for t in tasks}

    # Every expectation of every batch the run wrote, once; orders' freshness failed as a warning.
    sizes = batch_sizes(scenario)
    suites = plan["expectationSuites"]
    expected = {
        (d, e["meta"]["rule"]): (True, 0, sizes[d], "fail" if e["severity"] == "critical" else "warn")
        for d in DATASETS
        if sizes[d] > 0
        for e in suites[d]["expectations"]
    }
    expected[("orders", "freshness:updated_at")] = (False, 0, sizes["orders"], "warn")
    assert results(scenario, run.run_id) == expected
    assert sizes["products"] == 0 and sizes["orders"] > 0

    # The Checkpoint stored each validated batch's result under the job's run id, and Data Docs index it.
    project = Path(pipeline.plan["validationTasks"][0]["parameters"]["data_quality_path"])
    validations = project / "gx" / "uncommitted" / "validations"
    stored = {path.parts[-4]: json.loads(path.read_text()) for path in validations.glob(f"*/{run.run_id}/*/*.json")}
    assert set(stored) == {d for d in DATASETS if sizes[d] > 0}
    orders = stored["orders"]
    assert (orders["success"], orders["meta"]["checkpoint_id"] is not None) == (False, True)
    freshness = next(r for r in orders["results"] if r["expectation_config"]["meta"]["rule"] == "freshness:updated_at")
    assert (freshness["success"], freshness["expectation_config"]["severity"]) == (False, "warning")
    index = project / DATA_DOCS_INDEX
    assert index.is_file()
    html = index.read_text()
    # The index links each dataset's result page of this run.
    assert {d for d in DATASETS if f"validations/{d}/{run.run_id}/" in html} == set(stored)
    assert list((project / "gx" / "uncommitted" / "data_docs" / "local_site" / "validations" / "orders" / run.run_id).glob("*/*.html"))


def test_a_fail_failure_fails_the_validation_task_naming_it_and_gold_does_not_run(scenario, pipeline, plan, tmp_path):
    """A suite whose volume the batch exceeds (orders: at most 1 row, severity fail): the task fails on every attempt,
    gold is never started, and the results hold one row per expectation however often the task was retried."""
    suites = json.loads(json.dumps(plan["expectationSuites"]))
    volume = next(e for e in suites["orders"]["expectations"] if e["meta"]["rule"] == "batch_row_count")
    volume["kwargs"]["max_value"] = 1
    run, tasks = run_gate(scenario, pipeline, suites, tmp_path / "strict")

    validation = run.tasks["validate_expectations"]
    retries = next(t.max_retries for t in tasks if t.key == "validate_expectations")
    assert (validation.state, len(validation.attempts)) == ("FAILED", retries + 1)
    assert type(validation.error).__name__ == "ExpectationsFailedError"
    assert "1 expectation(s) failed" in str(validation.error) and "orders: batch_row_count" in str(validation.error)
    assert {k: t.state for k, t in run.tasks.items() if k.startswith("gold_")} == {
        "gold_customer_value": "UPSTREAM_FAILED",
        "gold_daily_sales": "UPSTREAM_FAILED",
        "gold_payment_mix": "UPSTREAM_FAILED",
    }
    recorded = results(scenario, run.run_id)
    rows = scenario.spark.table("spark_catalog.silver.expectation_results").where(F.col("run_id") == run.run_id)
    assert rows.count() == len(recorded)
    assert recorded[("orders", "batch_row_count")] == (False, 0, batch_sizes(scenario)["orders"], "fail")
    failed = sorted(key for key, (success, *_) in recorded.items() if not success)
    assert failed == [("orders", "batch_row_count"), ("orders", "freshness:updated_at")]
