"""The generated training task run as the job runs it, in .venv-ml: the example's notebook (from the
synthesized aws-dev stack, which deploys it; generated from the plan when there is no synth output)
with the job's parameters, the MLflow URIs pointing at a local SQLite store instead of "databricks"
and "databricks-uc", over a gold table shaped as the example's gold task writes it. It must log a
run with its gold table as input, register a version under the spec's alias, with the signature
Unity Catalog requires, and score the gold table's own rows."""

from decimal import Decimal
from pathlib import Path
from typing import Any

import mlflow
import pandas as pd
import pytest
from lakehouse_harness.job import job_from_stack
from lakehouse_harness.notebook import run_notebook
from lakehouse_harness.pipeline import load_plan, stack_dir
from mlflow.tracking import MlflowClient
from pyspark.sql import SparkSession

MODEL = "spark_catalog.ml.customer_ltv"


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    notebooks = tmp_path_factory.mktemp("notebooks")
    return load_plan(tmp_path_factory.mktemp("lake"), notebooks), notebooks


def deployed(plan: tuple[dict[str, Any], Path], kind: str) -> tuple[Path, dict[str, str]]:
    """(notebook, local job parameters) of the plan's one task of `kind`: the synthesized notebook when synth output exists."""
    tasks, notebooks = plan
    (local,) = tasks[kind]
    stack = stack_dir()
    if not (stack / "cdk.tf.json").exists():
        return notebooks / local["fileName"], local["parameters"]
    keys = {t["taskKey"] for t in tasks["tasks"]} | {local["taskKey"]}
    # The job also holds the other ML task (training or scoring), which this one leaves out.
    others = frozenset(t["taskKey"] for t in [*tasks["trainingTasks"], *tasks["scoringTasks"]]) - keys
    (synthesized,) = [t for t in job_from_stack(stack, keys, others) if t.key == local["taskKey"]]
    # The job passes exactly the parameters the local plan fills in; only their values differ.
    assert set(synthesized.parameters) == set(local["parameters"])
    assert (synthesized.parameters["tracking_uri"], synthesized.parameters["registry_uri"]) == ("databricks", "databricks-uc")
    assert synthesized.notebook is not None
    return synthesized.notebook, local["parameters"]


@pytest.fixture(scope="module")
def task(plan: tuple[dict[str, Any], Path]) -> tuple[Path, dict[str, str]]:
    return deployed(plan, "trainingTasks")


@pytest.fixture(scope="module")
def scoring_task(plan: tuple[dict[str, Any], Path]) -> tuple[Path, dict[str, str]]:
    return deployed(plan, "scoringTasks")


@pytest.fixture(scope="module")
def gold(spark: SparkSession) -> None:
    """gold.customer_value with the example's columns: spend about 40 per order, one customer without orders counted."""
    rows: list[tuple[str, str, str, int | None, Decimal]] = [
        (f"c{i}", "NL", "retail", i % 7 + 1, Decimal(40 * (i % 7 + 1) + (i % 3) - 1)) for i in range(24)
    ]
    rows.append(("c24", "BE", "retail", None, Decimal(12)))
    schema = "customer_id STRING, country STRING, segment STRING, order_count BIGINT, total_spent DECIMAL(18,2)"
    spark.createDataFrame(rows, schema).write.format("delta").mode("overwrite").saveAsTable("spark_catalog.gold.customer_value")


@pytest.mark.usefixtures("gold")
def test_the_generated_task_registers_a_version_with_its_alias_and_signature(
    spark: SparkSession, task: tuple[Path, dict[str, str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notebook, parameters = task
    # The model's artifacts land under the working folder (the SQLite store's default artifact root).
    monkeypatch.chdir(tmp_path)
    store = parameters["tracking_uri"]
    assert store.startswith("sqlite:///")
    assert parameters["registry_uri"] == store

    run_notebook(spark.newSession(), notebook, parameters)

    client = MlflowClient(tracking_uri=store, registry_uri=store)
    version = client.get_model_version_by_alias(MODEL, "champion")
    assert str(version.version) == "1"
    run = client.get_run(version.run_id)
    assert run.info.status == "FINISHED"
    assert client.get_experiment(run.info.experiment_id).name == "/rtl/dev/rtl-dev-ml"
    assert run.data.params == {
        "table": "spark_catalog.gold.customer_value",
        "features": "order_count",
        "label": "total_spent",
        "alpha": "1",
        "test_fraction": "0.25",
        "metric": "rmse",
    }
    # 24 rows with every column set, a quarter held out.
    assert run.data.metrics["training_rows"] == 18.0
    assert run.data.metrics["r2"] > 0.95

    mlflow.set_tracking_uri(store)
    mlflow.set_registry_uri(store)
    # The signature declares what gold holds (order_count BIGINT: long), so gold's own rows score.
    signature = mlflow.models.get_model_info(f"models:/{MODEL}/1").signature
    assert signature.inputs.to_dict() == [{"type": "long", "name": "order_count", "required": True}]
    assert [s["type"] for s in signature.outputs.to_dict()] == ["tensor"]
    rows: pd.DataFrame = spark.table("spark_catalog.gold.customer_value").select("order_count").dropna().toPandas()
    predicted = mlflow.pyfunc.load_model(f"models:/{MODEL}@champion").predict(rows)
    assert list(predicted) == pytest.approx([40.0 * n for n in rows["order_count"]], abs=5.0)
    (dataset,) = client.get_run(version.run_id).inputs.dataset_inputs
    assert (dataset.dataset.name, dataset.dataset.source_type) == ("spark_catalog.gold.customer_value", "delta_table")


@pytest.mark.usefixtures("gold")
def test_the_generated_scoring_task_writes_a_prediction_per_gold_row_from_the_champion(
    spark: SparkSession,
    task: tuple[Path, dict[str, str]],
    scoring_task: tuple[Path, dict[str, str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    training_notebook, training_parameters = task
    notebook, parameters = scoring_task
    run_notebook(spark.newSession(), training_notebook, training_parameters)
    store = parameters["tracking_uri"]
    champion = str(MlflowClient(tracking_uri=store, registry_uri=store).get_model_version_by_alias(MODEL, "champion").version)

    run_notebook(spark.newSession(), notebook, parameters)

    table = spark.table("spark_catalog.gold.customer_ltv_predictions")
    assert [f.name for f in table.schema.fields] == [
        "customer_id",
        "country",
        "segment",
        "order_count",
        "prediction",
        "model_version",
        "source_version",
        "scored_at",
    ]
    rows = {r["customer_id"]: r for r in table.collect()}
    assert sorted(rows) == sorted(r["customer_id"] for r in spark.table("spark_catalog.gold.customer_value").collect())
    assert {r["model_version"] for r in rows.values()} == {champion}
    assert rows["c24"]["prediction"] is None
    assert rows["c6"]["prediction"] == pytest.approx(40.0 * 7, abs=5.0)
