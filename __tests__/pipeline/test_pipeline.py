"""The generated notebooks, end to end on local Spark + Delta (the harness is in conftest.py)."""

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest
import reference

DATA = Path(__file__).resolve().parent / "data"

DATASETS = ("customers", "orders", "payments", "products")
KEYS = {"customers": "customer_id", "orders": "order_id", "payments": "payment_id", "products": "product_id"}
MAINTENANCE = {"OPTIMIZE", "VACUUM START", "VACUUM END"}


def landing_files(dataset, *batches):
    return sorted(f for b in batches for f in (DATA / b / dataset).glob("*") if f.is_file())


def landing_row_count(spark, dataset, *batches):
    """Rows in the landing files, counted without the pipeline: data lines, or parquet rows."""
    total = 0
    for f in landing_files(dataset, *batches):
        if f.suffix == ".parquet":
            total += spark.read.parquet(str(f)).count()
        else:
            lines = [line for line in f.read_text().splitlines() if line.strip()]
            total += len(lines) - (1 if f.suffix == ".csv" else 0)
    return total


def by_key(rows, key):
    return {r[key]: r for r in rows}


# ---- 1. the first run ------------------------------------------------------------------------


def test_notebooks_come_from_the_synth_output_when_there_is_one(pipeline):
    synth = Path(__file__).resolve().parents[2] / "cdktf.out" / "stacks" / "aws-dev" / "cdk.tf.json"
    forced = os.environ.get("LAKEHOUSE_NOTEBOOKS") == "generated"
    assert pipeline.notebook_source == ("synth" if synth.exists() and not forced else "generated")


def test_the_job_runs_its_independent_tasks_at_once_each_after_its_dependencies(scenario, pipeline):
    run = scenario.runs["first"]
    assert {k: t.state for k, t in run.tasks.items()} == dict.fromkeys(pipeline.tasks, "SUCCESS")
    bronze = [run.tasks[f"bronze_{d}"] for d in DATASETS]
    assert any(a.start < b.end and b.start < a.end for a, b in itertools.combinations(bronze, 2))
    for key, task in pipeline.tasks.items():
        assert all(run.tasks[d].end <= run.tasks[key].start for d in task.depends_on), key


def test_first_run_builds_every_layer(scenario):
    counts = {t: scenario.table(t, "first").count() for t in scenario.versions["first"]}
    assert {d: counts[f"bronze.{d}"] for d in DATASETS} == {"customers": 12, "orders": 22, "payments": 10, "products": 10}
    assert {d: counts[f"silver.{d}"] for d in DATASETS} == {"customers": 10, "orders": 17, "payments": 8, "products": 8}
    assert {d: counts[f"silver.{d}_quarantine"] for d in DATASETS} == {"customers": 2, "orders": 4, "payments": 2, "products": 2}
    assert counts["gold.payment_mix"] == 4


def test_silver_is_typed_standardised_and_latest_wins(scenario):
    customers = by_key(scenario.rows("silver.customers", "first"), "customer_id")
    assert customers["c01"]["email"] == "customer1@example.com"  # trimmed and lowercased
    assert customers["c06"]["country"] == "nl"  # " NL " in the file
    assert customers["c01"]["full_name"] == "Name 1"
    orders = by_key(scenario.rows("silver.orders", "first"), "order_id")
    assert orders["o05"]["quantity"] == 9  # the later of two versions in one batch
    assert orders["o04"]["status"] == "completed"  # lowercased
    assert str(orders["o05"]["line_total"]) == "135.00"
    products = by_key(scenario.rows("silver.products", "first"), "product_id")
    assert products["p01"]["category"] == "books" and products["p03"]["category"] == "toys"


def test_quarantine_names_the_failed_rules_and_keeps_the_raw_row(scenario):
    orders = by_key(scenario.rows("silver.orders_quarantine", "first"), "order_id")
    assert orders["o18"]["_failed_rules"] == ["expect_column_values_to_be_between:quantity"]
    assert orders["o19"]["_failed_rules"] == ["expect_column_values_to_be_in_set:status"]
    assert orders["o20"]["_failed_rules"] == ["expect_column_values_to_not_be_null:customer_id"]
    assert orders["o21"]["_failed_rules"] == ["expect_column_values_to_be_of_type:quantity"]
    assert orders["o21"]["quantity"] == "abc"
    assert {r["_quarantine_run_id"] for r in orders.values()} == {scenario.run_ids["first"]}
    products = scenario.rows("silver.products_quarantine", "first")
    malformed = [r for r in products if "expect_row_to_be_well_formed" in r["_failed_rules"]]
    assert len(malformed) == 1 and "Truncated" in malformed[0]["_rescued_data"]
    customers = by_key(scenario.rows("silver.customers_quarantine", "first"), "customer_id")
    assert customers["c11"]["_failed_rules"] == ["expect_column_values_to_match_regex:email"]
    assert customers["c12"]["_failed_rules"] == ["expect_column_values_to_be_in_set:country"]


def test_quality_results_hold_one_row_per_rule_per_run(scenario):
    rows = [r for r in scenario.rows("silver.quality_results", "first") if r["dataset"] == "orders"]
    assert len(rows) == len({r["rule"] for r in rows}) == 11
    assert {r["run_id"] for r in rows} == {scenario.run_ids["first"]}
    assert all(r["total"] == 22 for r in rows)
    failed = {r["rule"]: r["failed"] for r in rows}
    assert failed["expect_column_values_to_be_between:quantity"] == 1
    assert failed["price_not_negative"] == 0


# ---- 2. incremental --------------------------------------------------------------------------


def test_second_run_reads_only_the_new_files(scenario, spark):
    for dataset in DATASETS:
        rows = scenario.rows(f"bronze.{dataset}", "second")
        new = [r for r in rows if r["_run_id"] == scenario.run_ids["second"]]
        assert {Path(r["_source_file"]).name for r in new} == {f.name for f in landing_files(dataset, "batch2")}
        assert len(new) == landing_row_count(spark, dataset, "batch2")
        assert len(rows) == landing_row_count(spark, dataset, "batch1", "batch2")


def test_second_run_merges_newer_versions_only(scenario):
    orders = by_key(scenario.rows("silver.orders", "second"), "order_id")
    assert orders["o02"]["status"] == "completed"  # newer version applied
    assert orders["o03"]["status"] == "cancelled"  # stale version (older updated_at) ignored
    assert orders["o03"]["_run_id"] == scenario.run_ids["first"]
    customers = by_key(scenario.rows("silver.customers", "second"), "customer_id")
    assert customers["c01"]["segment"] == "vip"
    assert customers["c02"]["email"] == "customer2@example.com"


def test_an_extra_column_in_a_file_becomes_a_silver_column(scenario):
    orders = by_key(scenario.rows("silver.orders", "second"), "order_id")
    assert orders["o22"]["channel"] == "app"
    assert orders["o25"]["channel"] is None
    assert orders["o01"]["channel"] is None  # rows of files without the column


# ---- 3. a rerun with no new files -------------------------------------------------------------


def test_noop_rerun_changes_no_rows(scenario):
    for table in scenario.versions["second"]:
        assert set(scenario.history_since(table, "second")) <= MAINTENANCE, table
        assert scenario.table(table, "noop").count() == scenario.table(table, "second").count(), table


def test_optimize_waits_for_enough_new_files_and_skips_tables_without_new_rows(scenario, pipeline, spark, capsys):
    tables = list(scenario.versions["noop"])

    def history(table):
        return spark.sql(f"DESCRIBE HISTORY spark_catalog.{table}").collect()

    def rows_since_last_optimize(table):
        """Rows written since the table's last OPTIMIZE, auto compaction's included."""
        commits = history(table)
        last = max((c.version for c in commits if c.operation == "OPTIMIZE"), default=-1)
        return any(c.version > last and int((c.operationMetrics or {}).get("numOutputRows", 0)) > 0 for c in commits)

    def optimized(min_files):
        """The tables one maintenance run with this threshold decided to OPTIMIZE (it prints each decision)."""
        capsys.readouterr()
        pipeline.run_task("maintenance", f"optimize-{min_files}", {"optimize_min_files": str(min_files)})
        lines = capsys.readouterr().out.splitlines()
        return {line.split(":")[0].removeprefix("spark_catalog.") for line in lines if "optimize=True" in line}

    # The sample batches add a few files per table: under the default threshold of 50, maintenance never compacted.
    assert [t for t in tables if any(c.operation == "OPTIMIZE" and c.operationParameters["auto"] == "false" for c in history(t))] == []
    assert optimized(10_000) == set()
    # Over it: the tables that got rows since their last OPTIMIZE, bronze's appends at least.
    pending = {t for t in tables if rows_since_last_optimize(t)}
    assert {"bronze.customers", "bronze.orders", "bronze.payments", "bronze.products"} <= pending
    assert optimized(1) == pending
    # OPTIMIZE commits nothing for a table of one file: only those stay due.
    assert optimized(1) == {t for t in tables if rows_since_last_optimize(t)} < pending


def test_no_duplicate_keys_anywhere(scenario):
    for dataset in DATASETS:
        silver = scenario.table(f"silver.{dataset}", "noop")
        assert silver.count() == silver.select(KEYS[dataset]).distinct().count()
        bronze = scenario.table(f"bronze.{dataset}", "noop").drop("_ingested_at", "_run_id")
        assert bronze.count() == bronze.distinct().count()


# ---- 4. nothing lost ------------------------------------------------------------------------


@pytest.mark.parametrize("dataset", DATASETS)
def test_every_landing_row_is_in_silver_or_quarantine(scenario, spark, dataset):
    key = KEYS[dataset]
    bronze = scenario.rows(f"bronze.{dataset}", "noop")
    quarantine = scenario.rows(f"silver.{dataset}_quarantine", "noop")
    silver = by_key(scenario.rows(f"silver.{dataset}", "noop"), key)
    assert len(bronze) == landing_row_count(spark, dataset, "batch1", "batch2")
    quarantined = {(r["_source_file"], r[key], r["_rescued_data"]) for r in quarantine}
    passed = [r for r in bronze if (r["_source_file"], r[key], r["_rescued_data"]) not in quarantined]
    assert len(passed) + len(quarantine) == len(bronze)
    for row in passed:
        # Either the row is in silver or a newer version of its key is.
        assert row[key] in silver
        assert str(silver[row[key]]["updated_at"]) >= str(row["updated_at"]).replace("T", " ")


def test_malformed_and_surplus_rows_are_quarantined(scenario):
    orders = by_key(scenario.rows("silver.orders_quarantine", "noop"), "order_id")
    assert orders["o24"]["_failed_rules"] == ["expect_row_to_be_well_formed"]
    assert "surplus" in orders["o24"]["_rescued_data"]


# ---- 5. gold against an independent computation ----------------------------------------------


def reference_tables(spark, *batches):
    files = {d: landing_files(d, *batches) for d in DATASETS}
    payment_rows = [r.asDict() for f in files["payments"] for r in spark.read.parquet(str(f)).collect()]
    orders = reference.orders(files["orders"])
    return {
        "daily_sales": reference.daily_sales(orders, reference.products(files["products"])),
        "customer_value": reference.customer_value(orders, reference.customers(files["customers"])),
        "payment_mix": reference.payment_mix(reference.payments(payment_rows)),
    }


@pytest.mark.parametrize(("stage", "batches"), [("first", ("batch1",)), ("noop", ("batch1", "batch2"))])
def test_gold_equals_an_independent_computation(scenario, spark, stage, batches):
    expected = reference_tables(spark, *batches)
    daily = {
        (r["order_date"], r["category"]): (r["revenue"], r["order_count"], r["units"]) for r in scenario.rows("gold.daily_sales", stage)
    }
    assert daily == expected["daily_sales"]
    value = {
        (r["customer_id"], r["country"], r["segment"]): (r["total_spent"], r["order_count"], r["first_order_ts"], r["last_order_ts"])
        for r in scenario.rows("gold.customer_value", stage)
    }
    assert value == expected["customer_value"]
    mix = {r["method"]: (r["total_amount"], r["payment_count"]) for r in scenario.rows("gold.payment_mix", stage)}
    assert mix == expected["payment_mix"]


def test_gold_is_clustered_by_the_spec(spark, scenario):
    detail = spark.sql("DESCRIBE DETAIL spark_catalog.gold.daily_sales").first()
    assert detail["clusteringColumns"] == ["order_date"]


# ---- failures that must stop the job ---------------------------------------------------------


def test_quality_gate_fails_the_silver_task_above_the_threshold(failing, scenario):
    assert type(failing["silver_customers"]).__name__ == "QualityGateError"
    assert "customers: 3 of 5 rows failed a rule" in str(failing["silver_customers"])
    quarantine = [r for r in scenario.rows("silver.customers_quarantine", "failing") if r["_quarantine_run_id"] == "failing"]
    assert sorted(r["customer_id"] for r in quarantine) == ["c22", "c23", "c24"]
    # Nothing of the failed batch reached silver.
    assert "c20" not in {r["customer_id"] for r in scenario.rows("silver.customers", "failing")}


def test_a_new_column_fails_a_dataset_whose_evolution_is_fail(failing, scenario):
    assert "schemaEvolution fail" in str(failing["silver_payments"])
    quarantine = [r for r in scenario.rows("silver.payments_quarantine", "failing") if r["_quarantine_run_id"] == "failing"]
    assert [r["_failed_rules"] for r in quarantine] == [["expect_table_columns_to_match_set"]]
    assert "EUR" in quarantine[0]["_rescued_data"]
    assert "bronze_payments" not in failing and "bronze_customers" not in failing


# ---- lint -----------------------------------------------------------------------------------


def test_generated_notebooks_pass_ruff(pipeline):
    config = Path(__file__).resolve().parents[2] / "jobs" / "ruff.toml"
    files = [str(t.notebook) for t in pipeline.tasks.values()]
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--config", str(config), *files], check=False, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
