"""Training: fits a small scikit-learn regression on a gold table, logs its parameters and metrics
to MLflow and registers the model as a new version in Unity Catalog under the spec's alias.

Unity Catalog accepts only models whose signature has inputs and outputs
(https://docs.databricks.com/aws/en/machine-learning/manage-model-lifecycle/),
so the signature is inferred from the training features and the model's predictions. The tracking
and registry URIs are job parameters: "databricks" and "databricks-uc" on Databricks, a local
sqlite:/// store in the tests; nothing else differs.
MLflow, scikit-learn and pandas are imported inside the functions, as expectations.py imports GX:
they are on the training task's cluster and in .venv-ml, and the module is importable without them
(the contract test reads run()'s config type in .venv).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pyspark.sql import SparkSession

from . import params
from .config import TrainingConfig

if TYPE_CHECKING:
    import pandas as pd
    from sklearn.linear_model import Ridge

PARAMETERS = ["catalog", "experiment", "tracking_uri", "registry_uri"]
#: Below this many rows a hold-out set says nothing: the metrics are computed on the training rows.
MIN_ROWS_TO_SPLIT = 10


@dataclass(frozen=True)
class Registered:
    run_id: str
    model_name: str
    version: str
    alias: str
    metrics: dict[str, float]


def training_frame(spark: SparkSession, config: TrainingConfig, catalog: str) -> pd.DataFrame:
    """The feature and label columns of the gold table as floats, rows with a missing value left out."""
    columns = [*config["features"], config["label"]]
    frame: pd.DataFrame = spark.table(f"{catalog}.{config['table']}").select(*columns).dropna().toPandas()
    if frame.empty:
        raise ValueError(f"{catalog}.{config['table']} has no rows with {', '.join(columns)} all set: nothing to train on")
    return frame.astype("float64")


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
    frame = training_frame(spark, config, p["catalog"])
    model, x_train, metrics = fit(frame, config)
    with mlflow.start_run() as run:
        mlflow.log_params(
            {
                "table": f"{p['catalog']}.{config['table']}",
                "features": ",".join(config["features"]),
                "label": config["label"],
                "alpha": config["alpha"],
                "test_fraction": config["test_fraction"],
            }
        )
        mlflow.log_metrics(metrics)
        signature = infer_signature(x_train, model.predict(x_train))
        info: Any = mlflow.sklearn.log_model(model, name="model", signature=signature, registered_model_name=model_name)
        version = str(info.registered_model_version)
    MlflowClient().set_registered_model_alias(model_name, config["alias"], version)
    return Registered(run_id=str(run.info.run_id), model_name=model_name, version=version, alias=config["alias"], metrics=metrics)


def run(spark: SparkSession, dbutils: Any, config: TrainingConfig) -> None:
    """The training task of one model."""
    registered = train(spark, config, params.read(dbutils, PARAMETERS))
    print(f"registered {registered.model_name} version {registered.version} as @{registered.alias}: {registered.metrics}")
