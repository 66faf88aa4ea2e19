"""The generated training task run as the job runs it, in .venv-ml: the example's notebook (from the
synthesized aws-dev stack, which deploys it; generated from the plan when there is no synth output)
with the job's parameters, the MLflow URIs pointing at a local SQLite store instead of "databricks"
and "databricks-uc", over a gold table shaped as the example's gold task writes it. It must log a
run with its gold table as input, register a version under the spec's alias, with the signature
Unity Catalog requires, and score the gold table's own rows."""

from decimal import Decimal
from pathlib import Path

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
def task(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """(notebook, local job parameters) of the training task: the synthesized notebook when synth output exists."""
    notebooks = tmp_path_factory.mktemp("notebooks")
    plan = load_plan(tmp_path_factory.mktemp("lake"), notebooks)
    (training,) = plan["trainingTasks"]
    stack = stack_dir()
    if not (stack / "cdk.tf.json").exists():
        return notebooks / training["fileName"], training["parameters"]
    keys = {t["taskKey"] for t in plan["tasks"]} | {training["taskKey"]}
    (deployed,) = [t for t in job_from_stack(stack, keys) if t.key == training["taskKey"]]
    # The job passes exactly the parameters the local plan fills in; only their values differ.
    assert set(deployed.parameters) == set(training["parameters"])
    assert (deployed.parameters["tracking_uri"], deployed.parameters["registry_uri"]) == ("databricks", "databricks-uc")
    assert deployed.notebook is not None
    return deployed.notebook, training["parameters"]


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
