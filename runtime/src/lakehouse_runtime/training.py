"""Training: fits a small scikit-learn regression on a gold table, logs its parameters and metrics
to MLflow and registers the model as a new version in Unity Catalog under the spec's alias.

Unity Catalog accepts only models whose signature has inputs and outputs
(https://docs.databricks.com/aws/en/machine-learning/manage-model-lifecycle/),
so the signature is inferred from the training features and the model's predictions. The features
keep gold's column types, so the signature declares what gold holds and the model takes gold's own
rows (MLflow refuses long -> double at inference). Each run records its training table and Delta
version as a dataset input (mlflow.log_input) and logs an input example with the model. The tracking
and registry URIs are job parameters: "databricks" and "databricks-uc" on Databricks, a local
sqlite:/// store in the tests; nothing else differs.
MLflow, scikit-learn and pandas are imported inside the functions, as expectations.py imports GX:
they are on the training task's cluster and in .venv-ml, and the module is importable without them
(the contract test reads run()'s config type in .venv).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql.types import DecimalType, StructField

from . import params
from .config import TrainingConfig
from .tables import latest_version

if TYPE_CHECKING:
    import pandas as pd
    from sklearn.linear_model import Ridge

PARAMETERS = ["catalog", "experiment", "tracking_uri", "registry_uri"]
#: Below this many rows a hold-out set says nothing: the metrics are computed on the training rows.
MIN_ROWS_TO_SPLIT = 10
#: Rows of the training features logged with the model as its input example.
EXAMPLE_ROWS = 5
#: pandas dtypes of gold's numeric column types: integers stay integers, so the signature declares
#: long where gold holds BIGINT. MLflow has no decimal type: a DECIMAL feature is declared double,
#: and MLflow's schema enforcement converts gold's Decimal values to it.
PANDAS_DTYPES = {"tinyint": "int8", "smallint": "int16", "int": "int32", "bigint": "int64", "float": "float32", "double": "float64"}


@dataclass(frozen=True)
class TrainingData:
    """The feature and label columns of one Delta version of the gold table, rows with a missing value left out."""

    table: str
    version: int
    rows: DataFrame
    frame: pd.DataFrame


@dataclass(frozen=True)
class Registered:
    run_id: str
    model_name: str
    version: str
    alias: str
    metrics: dict[str, float]


def pandas_dtype(field: StructField) -> str:
    if isinstance(field.dataType, DecimalType):
        return "float64"
    sql_type = field.dataType.simpleString()
    if sql_type not in PANDAS_DTYPES:
        raise ValueError(f"feature {field.name} is {sql_type}: expected a numeric column ({', '.join(PANDAS_DTYPES)} or decimal)")
    return PANDAS_DTYPES[sql_type]


def training_data(spark: SparkSession, config: TrainingConfig, catalog: str) -> TrainingData:
    """The gold table's current version, read as of that version so the logged dataset is what was trained on."""
    table = f"{catalog}.{config['table']}"
    version = latest_version(spark, table)
    columns = [*config["features"], config["label"]]
    rows = spark.sql(f"SELECT * FROM {table} VERSION AS OF {version}").select(*columns).dropna()
    frame: pd.DataFrame = rows.toPandas()
    if frame.empty:
        raise ValueError(f"{table} has no rows with {', '.join(columns)} all set: nothing to train on")
    dtypes = {field.name: pandas_dtype(field) for field in rows.schema.fields if field.name in config["features"]}
    return TrainingData(table, version, rows, frame.astype({**dtypes, config["label"]: "float64"}))


def fit(frame: pd.DataFrame, config: TrainingConfig) -> tuple[Ridge, pd.DataFrame, dict[str, float]]:
    """The fitted model, its training features (for the signature) and its hold-out metrics."""
    from sklearn.linear_model import Ridge
    from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score
    from sklearn.model_selection import train_test_split

    x = frame[config["features"]]
    y = frame[config["label"]]
    if len(frame) >= MIN_ROWS_TO_SPLIT:
        x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=config["test_fraction"], random_state=0)
    else:
        x_train, x_test, y_train, y_test = x, x, y, y
    model = Ridge(alpha=config["alpha"]).fit(x_train, y_train)
    predicted = model.predict(x_test)
    metrics = {
        "rmse": float(mean_squared_error(y_test, predicted) ** 0.5),
        "mae": float(mean_absolute_error(y_test, predicted)),
        "r2": float(r2_score(y_test, predicted)) if len(y_test) > 1 else 0.0,
        "training_rows": float(len(x_train)),
    }
    return model, x_train, metrics


def train(spark: SparkSession, config: TrainingConfig, p: dict[str, str]) -> Registered:
    import mlflow
    from mlflow.models import infer_signature
    from mlflow.tracking import MlflowClient

    mlflow.set_tracking_uri(p["tracking_uri"])
    mlflow.set_registry_uri(p["registry_uri"])
    mlflow.set_experiment(p["experiment"])
    model_name = f"{p['catalog']}.ml.{config['model']}"
    data = training_data(spark, config, p["catalog"])
    model, x_train, metrics = fit(data.frame, config)
    with mlflow.start_run() as run:
        # The version as a string: MLflow's Delta source leaves an int version 0 out of its record.
        dataset = mlflow.data.from_spark(
            data.rows, table_name=data.table, version=str(data.version), targets=config["label"], name=data.table
        )
        mlflow.log_input(dataset, context="training")
        mlflow.log_params(
            {
                "table": data.table,
                "features": ",".join(config["features"]),
                "label": config["label"],
                "alpha": config["alpha"],
                "test_fraction": config["test_fraction"],
            }
        )
        mlflow.log_metrics(metrics)
        signature = infer_signature(x_train, model.predict(x_train))
        info: Any = mlflow.sklearn.log_model(
            model, name="model", signature=signature, input_example=x_train.head(EXAMPLE_ROWS), registered_model_name=model_name
        )
        version = str(info.registered_model_version)
    MlflowClient().set_registered_model_alias(model_name, config["alias"], version)
    return Registered(run_id=str(run.info.run_id), model_name=model_name, version=version, alias=config["alias"], metrics=metrics)


def run(spark: SparkSession, dbutils: Any, config: TrainingConfig) -> None:
    """The training task of one model."""
    registered = train(spark, config, params.read(dbutils, PARAMETERS))
    print(f"registered {registered.model_name} version {registered.version} as @{registered.alias}: {registered.metrics}")
