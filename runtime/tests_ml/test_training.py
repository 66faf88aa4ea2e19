"""The training task on local Spark: it reads a gold table, logs a run with its dataset and registers
a version with an input example and a signature Unity Catalog would accept (inputs and outputs) that
takes gold's own rows; the version takes the alias only when it beats the current one."""

import json

import mlflow
import pytest
from lakehouse_harness.dbutils import DbUtils
from mlflow.tracking import MlflowClient
from pyspark.sql import SparkSession

from lakehouse_runtime import training
from lakehouse_runtime.config import TrainingConfig
from lakehouse_runtime.params import MissingParameterError

CONFIG: TrainingConfig = {
    "model": "customer_ltv",
    "table": "gold.customer_value",
    "features": ["order_count"],
    "label": "total_spent",
    "alias": "champion",
    "alpha": 0.5,
    "test_fraction": 0.25,
    "metric": "rmse",
}
#: Ridge regularised this hard predicts about the mean: a worse model on the same rows.
WORSE = {**CONFIG, "alpha": 1e9}
MODEL = "spark_catalog.ml.customer_ltv"


@pytest.fixture(scope="module")
def gold(spark: SparkSession) -> None:
    """20 customers whose spend is 40 per order plus noise; one without an order count is left out."""
    rows = [(f"c{i}", i % 7 + 1, 40.0 * (i % 7 + 1) + (i % 3) - 1.0) for i in range(20)] + [("c20", None, 99.0)]
    spark.createDataFrame(rows, "customer_id STRING, order_count BIGINT, total_spent DOUBLE").write.format("delta").mode(
        "overwrite"
    ).saveAsTable("spark_catalog.gold.customer_value")


def parameters(store: str) -> dict[str, str]:
    return {"catalog": "spark_catalog", "experiment": "/rtl/dev/rtl-dev-ml", "tracking_uri": store, "registry_uri": store}


@pytest.mark.usefixtures("gold")
def test_registers_a_version_with_its_run_alias_and_signature(spark, mlflow_store, capsys):
    training.run(spark, DbUtils(parameters(mlflow_store)), CONFIG)
    printed = capsys.readouterr().out
    assert "registered spark_catalog.ml.customer_ltv version 1, which takes @champion, which no version held: rmse" in printed

    mlflow.set_tracking_uri(mlflow_store)
    client = MlflowClient(tracking_uri=mlflow_store, registry_uri=mlflow_store)
    version = client.get_model_version_by_alias(MODEL, "champion")
    assert str(version.version) == "1"
    run = client.get_run(version.run_id)
    assert run.info.status == "FINISHED"
    assert client.get_experiment(run.info.experiment_id).name == "/rtl/dev/rtl-dev-ml"
    assert run.data.params == {
        "table": "spark_catalog.gold.customer_value",
        "features": "order_count",
        "label": "total_spent",
        "alpha": "0.5",
        "test_fraction": "0.25",
        "metric": "rmse",
    }
    assert set(run.data.metrics) == {"rmse", "mae", "r2", "training_rows"}
    assert run.data.metrics["training_rows"] == 15.0
    # Spend is nearly linear in orders: the hold-out fit is close.
    assert run.data.metrics["r2"] > 0.95

    # Gold holds order_count as BIGINT: the signature says long, not double.
    info = mlflow.models.get_model_info(f"models:/{MODEL}/1")
    assert info.signature.inputs.to_dict() == [{"type": "long", "name": "order_count", "required": True}]
    assert info.signature.outputs is not None
    assert [s["type"] for s in info.signature.outputs.to_dict()] == ["tensor"]
    local = mlflow.artifacts.download_artifacts(f"models:/{MODEL}/1")
    example = mlflow.models.Model.load(local).load_input_example(local)
    assert (list(example.columns), str(example.dtypes["order_count"]), len(example)) == (["order_count"], "int64", 5)


@pytest.mark.usefixtures("gold")
def test_the_champion_predicts_with_gold_s_own_rows(spark, mlflow_store):
    training.train(spark, CONFIG, parameters(mlflow_store))
    mlflow.set_tracking_uri(mlflow_store)
    mlflow.set_registry_uri(mlflow_store)
    rows = spark.table("spark_catalog.gold.customer_value").select("order_count").dropna().toPandas()
    assert str(rows.dtypes["order_count"]) == "int64"
    predicted = mlflow.pyfunc.load_model(f"models:/{MODEL}@champion").predict(rows)
    assert list(predicted) == pytest.approx([40.0 * n for n in rows["order_count"]], abs=5.0)


@pytest.mark.usefixtures("gold")
def test_the_run_records_the_gold_table_and_version_it_trained_on(spark, mlflow_store):
    registered = training.train(spark, CONFIG, parameters(mlflow_store))
    (training_input,) = MlflowClient(tracking_uri=mlflow_store).get_run(registered.run_id).inputs.dataset_inputs
    dataset = training_input.dataset
    assert (dataset.name, dataset.source_type) == ("spark_catalog.gold.customer_value", "delta_table")
    assert json.loads(dataset.source) == {"delta_table_name": "spark_catalog.gold.customer_value", "delta_table_version": "0"}
    assert json.loads(dataset.schema)["mlflow_colspec"] == [
        {"type": "long", "name": "order_count", "required": True},
        {"type": "double", "name": "total_spent", "required": True},
    ]
    assert [(t.key, t.value) for t in training_input.tags] == [("mlflow.data.context", "training")]


def tags(client, version):
    return {k: v for k, v in client.get_model_version(MODEL, version).tags.items() if k.startswith("lakehouse.")}


@pytest.mark.usefixtures("gold")
def test_a_worse_second_model_leaves_the_champion_in_place(spark, mlflow_store):
    first = training.train(spark, CONFIG, parameters(mlflow_store))
    second = training.train(spark, WORSE, parameters(mlflow_store))
    client = MlflowClient(tracking_uri=mlflow_store, registry_uri=mlflow_store)
    assert [first.version, second.version, first.promoted, second.promoted] == ["1", "2", True, False]
    assert str(client.get_model_version_by_alias(MODEL, "champion").version) == "1"
    assert second.metrics["rmse"] > first.metrics["rmse"]
    assert tags(client, "2")["lakehouse.evaluation"] == "rejected"
    assert tags(client, "2")["lakehouse.evaluation_detail"].startswith("does not take @champion: rmse ")
    assert tags(client, "1")["lakehouse.evaluation"] == "kept over version 2"


@pytest.mark.usefixtures("gold")
def test_a_better_model_takes_the_alias_and_both_versions_say_why(spark, mlflow_store):
    training.train(spark, WORSE, parameters(mlflow_store))
    better = training.train(spark, CONFIG, parameters(mlflow_store))
    client = MlflowClient(tracking_uri=mlflow_store, registry_uri=mlflow_store)
    assert (better.version, better.promoted) == ("2", True)
    assert str(client.get_model_version_by_alias(MODEL, "champion").version) == "2"
    assert tags(client, "1")["lakehouse.evaluation"] == "replaced by version 2"
    detail = tags(client, "2")["lakehouse.evaluation_detail"]
    assert detail.startswith("takes @champion: rmse ")
    assert "against version 1's" in detail


@pytest.mark.usefixtures("gold")
def test_an_equal_model_leaves_the_alias_so_retraining_unchanged_data_moves_nothing(spark, mlflow_store):
    training.train(spark, CONFIG, parameters(mlflow_store))
    again = training.train(spark, CONFIG, parameters(mlflow_store))
    client = MlflowClient(tracking_uri=mlflow_store, registry_uri=mlflow_store)
    assert (again.version, again.promoted) == ("2", False)
    assert str(client.get_model_version_by_alias(MODEL, "champion").version) == "1"


@pytest.mark.usefixtures("gold")
def test_r2_is_better_higher(spark, mlflow_store):
    config: TrainingConfig = {**CONFIG, "metric": "r2"}
    training.train(spark, {**config, "alpha": 1e9}, parameters(mlflow_store))
    assert training.train(spark, config, parameters(mlflow_store)).promoted


@pytest.mark.usefixtures("gold")
def test_a_champion_that_cannot_score_the_new_features_is_replaced_saying_so(spark, mlflow_store):
    spark.sql(
        "CREATE OR REPLACE TABLE spark_catalog.gold.customer_value_2 USING DELTA AS "
        "SELECT *, order_count * 2 AS items FROM spark_catalog.gold.customer_value"
    )
    training.train(spark, {**CONFIG, "table": "gold.customer_value_2"}, parameters(mlflow_store))
    widened = training.train(spark, {**CONFIG, "table": "gold.customer_value_2", "features": ["items"]}, parameters(mlflow_store))
    assert widened.promoted
    assert "cannot score the held-out rows" in widened.verdict


def test_fails_without_its_job_parameters(spark):
    with pytest.raises(MissingParameterError) as error:
        training.run(spark, DbUtils({"catalog": "spark_catalog"}), CONFIG)
    assert error.value.missing == ["experiment", "tracking_uri", "registry_uri"]


@pytest.mark.usefixtures("gold")
def test_fails_when_no_row_has_every_column(spark, mlflow_store):
    config: TrainingConfig = {**CONFIG, "features": ["order_count"], "label": "total_spent", "table": "gold.empty_value"}
    spark.sql("CREATE OR REPLACE TABLE spark_catalog.gold.empty_value (order_count BIGINT, total_spent DOUBLE) USING DELTA")
    with pytest.raises(ValueError, match="has no rows with order_count, total_spent all set"):
        training.train(spark, config, parameters(mlflow_store))
