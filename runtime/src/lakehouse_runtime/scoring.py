"""Batch scoring: the version a model's alias points at (the champion the training task's evaluation
gate keeps; the alias is resolved once and that version loaded, models:/<catalog>.ml.<model>/<version>,
so the model_version column names the model that made the rows even if the alias moves meanwhile)
scores every row of the current version of its gold table through mlflow.pyfunc.spark_udf,
and the rows replace the predictions table's by one INSERT OVERWRITE, so a retry or a rerun leaves one
row per input row.

The predictions table is a gold table: created once with the source's masks and row filter on the
columns it keeps (tables.create_table, as gold.py creates gold), then only overwritten. Its rows hold
the source's grouping key and features in gold's own types, the prediction (DOUBLE), the model
version that made it, the source's Delta version and when it was scored.

A row with a null feature keeps its place with a null prediction: the model never saw such rows
(training leaves them out) and MLflow's schema enforcement refuses a null in a long column, so only
the complete rows go through the model; the others are written beside them, so the table still has
one row per source row.

spark_udf runs with env_manager="local": the UDF uses the task cluster's libraries (the task installs
the mlflow and scikit-learn the training task pins) instead of building the model's environment on
each executor. That mode is the one MLflow accepts under a Spark Connect client too (it refuses
virtualenv, conda and uv there unless connected to Databricks; mlflow.pyfunc.spark_udf in MLflow 3.17).
MLflow is imported inside the functions, as in training.py: the module loads without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pyspark.sql import Column as SparkColumn
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from . import params
from .config import Column, ScoringConfig
from .gold import conform
from .tables import create_table, in_catalog, latest_version, table_properties

PARAMETERS = ["catalog", "on_databricks", "tracking_uri", "registry_uri"]
#: The columns every prediction row gets after the source's keys and features.
SCORING_COLUMNS: list[Column] = [
    {"name": "prediction", "type": "double"},
    {"name": "model_version", "type": "string"},
    {"name": "source_version", "type": "bigint"},
    {"name": "scored_at", "type": "timestamp"},
]


@dataclass(frozen=True)
class Scored:
    model_name: str
    model_version: str
    source: str
    source_version: int
    target: str
    rows: int


def predictions_columns(source: DataFrame, config: ScoringConfig) -> list[Column]:
    """The source's keys and features in gold's types, then the scoring columns."""
    types = {f.name: f.dataType.simpleString() for f in source.schema.fields}
    kept: list[Column] = [{"name": c, "type": types[c]} for c in [*config["keys"], *config["features"]]]
    return [*kept, *SCORING_COLUMNS]


def champion_version(model_name: str, alias: str) -> str:
    """The version the alias points at now, resolved once: the predictions name the version that made them
    even if the alias moves while the task runs."""
    from mlflow.exceptions import MlflowException
    from mlflow.tracking import MlflowClient

    try:
        return str(MlflowClient().get_model_version_by_alias(model_name, alias).version)
    except MlflowException as error:
        raise ValueError(
            f"{model_name} has no version under @{alias} to score with: train it first ({error.message.splitlines()[0]})"
        ) from error


def complete(config: ScoringConfig) -> SparkColumn:
    """Whether every feature of the row is set: only such rows reach the model (see the module's note)."""
    condition = F.lit(True)
    for feature in config["features"]:
        condition = condition & F.col(feature).isNotNull()
    return condition


def model_udf(spark: SparkSession, model_uri: str) -> Any:
    """The model as a Spark UDF taking a struct of the features by name (the signature's columns)."""
    import mlflow

    return mlflow.pyfunc.spark_udf(spark, model_uri, result_type="double", env_manager="local")


def score(spark: SparkSession, config: ScoringConfig, p: dict[str, str]) -> Scored:
    import mlflow

    mlflow.set_tracking_uri(p["tracking_uri"])
    mlflow.set_registry_uri(p["registry_uri"])
    model_name = f"{p['catalog']}.ml.{config['model']}"
    version = champion_version(model_name, config["alias"])
    source = f"{p['catalog']}.{config['source_table']}"
    target = f"{p['catalog']}.{config['predictions_table']}"
    source_version = latest_version(spark, source)
    rows = spark.sql(f"SELECT * FROM {source} VERSION AS OF {source_version}").select(*config["keys"], *config["features"])
    columns = predictions_columns(rows, config)
    if spark.catalog.tableExists(target):
        conform(spark, target, columns)
    else:
        governance = in_catalog(p["catalog"], config["governance"]) if params.flag(p["on_databricks"]) else None
        create_table(spark, target, columns, table_properties(False), (), governance)
    model = model_udf(spark, f"models:/{model_name}/{version}")
    scored = rows.where(complete(config)).withColumn("prediction", model(F.struct(*config["features"])))
    unscored = rows.where(~complete(config)).withColumn("prediction", F.lit(None).cast("double"))
    written = scored.unionByName(unscored).select(
        *config["keys"],
        *config["features"],
        "prediction",
        F.lit(version).alias("model_version"),
        F.lit(source_version).cast("bigint").alias("source_version"),
        F.current_timestamp().alias("scored_at"),
    )
    # One INSERT OVERWRITE (one Delta commit): readers see the previous run's rows or these, never a mix.
    written.write.insertInto(target, overwrite=True)
    return Scored(model_name, version, source, source_version, target, spark.table(target).count())


def run(spark: SparkSession, dbutils: Any, config: ScoringConfig) -> None:
    """The scoring task of one model."""
    s = score(spark, config, params.read(dbutils, PARAMETERS))
    print(f"scored {s.rows} rows of {s.source} version {s.source_version} with {s.model_name} version {s.model_version} into {s.target}")
