"""The scoring task on local Spark: the @champion version scores every row of the gold table through
mlflow.pyfunc.spark_udf into the predictions table, one row per input row, however often it runs."""

import mlflow
import pytest
from lakehouse_harness.dbutils import DbUtils
from mlflow.tracking import MlflowClient
from pyspark.sql import SparkSession

from lakehouse_runtime import scoring, training
from lakehouse_runtime.config import ScoringConfig, TrainingConfig
from lakehouse_runtime.params import MissingParameterError

TRAINING: TrainingConfig = {
    "model": "customer_ltv",
    "table": "gold.value_to_score",
    "features": ["order_count"],
    "label": "total_spent",
    "alias": "champion",
    "alpha": 0.5,
    "test_fraction": 0.25,
    "metric": "rmse",
}
CONFIG: ScoringConfig = {
    "model": "customer_ltv",
    "alias": "champion",
    "source_table": "gold.value_to_score",
    "predictions_table": "gold.customer_ltv_predictions",
    "keys": ["customer_id"],
    "features": ["order_count"],
    "governance": {"masks": {}, "row_filter": None},
}
MODEL = "spark_catalog.ml.customer_ltv"
PREDICTIONS = "spark_catalog.gold.customer_ltv_predictions"


@pytest.fixture(scope="module")
def gold(spark: SparkSession) -> None:
    """20 customers whose spend is 40 per order plus noise, and c20 without an order count; its own table, so
    test_training's gold.customer_value keeps its Delta version 0 whichever module runs first."""
    rows = [(f"c{i}", i % 7 + 1, 40.0 * (i % 7 + 1) + (i % 3) - 1.0) for i in range(20)] + [("c20", None, 99.0)]
    spark.createDataFrame(rows, "customer_id STRING, order_count BIGINT, total_spent DOUBLE").write.format("delta").mode(
        "overwrite"
    ).saveAsTable("spark_catalog.gold.value_to_score")


@pytest.fixture
def fresh(spark: SparkSession, gold: None) -> None:
    """No predictions table from another test."""
    spark.sql(f"DROP TABLE IF EXISTS {PREDICTIONS}")


def parameters(store: str) -> dict[str, str]:
    return {"catalog": "spark_catalog", "on_databricks": "false", "tracking_uri": store, "registry_uri": store}


def train(spark: SparkSession, store: str, alpha: float) -> training.Registered:
    return training.train(spark, {**TRAINING, "alpha": alpha}, {**parameters(store), "experiment": "/rtl/dev/rtl-dev-ml"})


def predictions(spark: SparkSession) -> dict[str, tuple[int | None, float | None, str]]:
    return {r["customer_id"]: (r["order_count"], r["prediction"], r["model_version"]) for r in spark.table(PREDICTIONS).collect()}


@pytest.mark.usefixtures("fresh")
def test_writes_a_row_per_input_row_with_the_champion_s_predictions(spark, mlflow_store, capsys):
    train(spark, mlflow_store, 0.5)
    scoring.run(spark, DbUtils(parameters(mlflow_store)), CONFIG)
    printed = capsys.readouterr().out
    assert "scored 21 rows of spark_catalog.gold.value_to_score version 0 with spark_catalog.ml.customer_ltv version 1" in printed

    table = spark.table(PREDICTIONS)
    assert [(f.name, f.dataType.simpleString()) for f in table.schema.fields] == [
        ("customer_id", "string"),
        ("order_count", "bigint"),
        ("prediction", "double"),
        ("model_version", "string"),
        ("source_version", "bigint"),
        ("scored_at", "timestamp"),
    ]
    got = predictions(spark)
    gold_rows = {r["customer_id"]: r["order_count"] for r in spark.table("spark_catalog.gold.value_to_score").collect()}
    assert {k: v[0] for k, v in got.items()} == gold_rows
    assert {v[2] for v in got.values()} == {"1"}
    assert {r["source_version"] for r in table.select("source_version").collect()} == {0}
    # The same numbers as the champion loaded by alias predicts on gold's own rows.
    mlflow.set_tracking_uri(mlflow_store)
    mlflow.set_registry_uri(mlflow_store)
    complete = spark.table("spark_catalog.gold.value_to_score").dropna().orderBy("customer_id").toPandas()
    expected = mlflow.pyfunc.load_model(f"models:/{MODEL}@champion").predict(complete[["order_count"]])
    assert [got[c][1] for c in complete["customer_id"]] == pytest.approx(list(expected))
    # The row without a feature is kept, unscored.
    assert got["c20"] == (None, None, "1")


@pytest.mark.usefixtures("fresh")
def test_a_rerun_replaces_the_rows_instead_of_adding_them(spark, mlflow_store):
    train(spark, mlflow_store, 0.5)
    scoring.run(spark, DbUtils(parameters(mlflow_store)), CONFIG)
    first = predictions(spark)
    scoring.run(spark, DbUtils(parameters(mlflow_store)), CONFIG)
    assert spark.table(PREDICTIONS).count() == 21
    assert predictions(spark) == first
    operations = [r["operation"] for r in spark.sql(f"DESCRIBE HISTORY {PREDICTIONS}").orderBy("version").collect()]
    assert operations == ["CREATE TABLE", "WRITE", "WRITE"]


@pytest.mark.usefixtures("fresh")
def test_scores_with_the_version_holding_the_alias_not_the_latest(spark, mlflow_store):
    train(spark, mlflow_store, 1e9)  # version 1: the first, takes @champion
    assert train(spark, mlflow_store, 0.5).promoted  # version 2: better, takes it
    assert not train(spark, mlflow_store, 1e9).promoted  # version 3: worse, rejected
    assert str(MlflowClient(registry_uri=mlflow_store).get_model_version_by_alias(MODEL, "champion").version) == "2"
    scoring.run(spark, DbUtils(parameters(mlflow_store)), CONFIG)
    got = predictions(spark)
    assert {v[2] for v in got.values()} == {"2"}
    # Version 3 (alpha 1e9) predicts about the mean for everyone; the champion follows the order count.
    assert got["c6"][1] - got["c0"][1] == pytest.approx(40.0 * 6, abs=10.0)


@pytest.mark.usefixtures("fresh")
def test_fails_without_a_version_under_the_alias(spark, mlflow_store):
    with pytest.raises(ValueError, match=r"spark_catalog.ml.customer_ltv has no version under @champion to score with: train it first"):
        scoring.run(spark, DbUtils(parameters(mlflow_store)), CONFIG)
    assert not spark.catalog.tableExists(PREDICTIONS)


def test_fails_without_its_job_parameters(spark):
    with pytest.raises(MissingParameterError) as error:
        scoring.run(spark, DbUtils({"catalog": "spark_catalog"}), CONFIG)
    assert error.value.missing == ["on_databricks", "tracking_uri", "registry_uri"]
