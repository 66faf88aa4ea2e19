"""Training: fits a small scikit-learn regression on a gold table, logs its parameters and metrics
to MLflow and registers the model as a new version in Unity Catalog. The version takes the spec's
alias only when it beats the alias's current version (the champion) on the spec's metric, both
scored on the same held-out rows; both versions are tagged with the verdict, so a worse model never
replaces a better one.

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


#: Version tags with the evaluation's outcome and its figures.
VERDICT_TAG = "lakehouse.evaluation"
DETAIL_TAG = "lakehouse.evaluation_detail"
#: Metrics where a lower value is better; the others (r2) are better higher.
LOWER_IS_BETTER = {"rmse", "mae"}


@dataclass(frozen=True)
class Registered:
    run_id: str
    model_name: str
    version: str
    alias: str
    metrics: dict[str, float]
    #: Whether the new version took the alias.
    promoted: bool
    #: Why, in words (the DETAIL_TAG of the new version).
    verdict: str


@dataclass(frozen=True)
class HoldOut:
    features: pd.DataFrame
    label: pd.Series[float]


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


def scores(actual: pd.Series[float], predicted: Any) -> dict[str, float]:
    from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score

    return {
        "rmse": float(mean_squared_error(actual, predicted) ** 0.5),
        "mae": float(mean_absolute_error(actual, predicted)),
        "r2": float(r2_score(actual, predicted)) if len(actual) > 1 else 0.0,
    }


def fit(frame: pd.DataFrame, config: TrainingConfig) -> tuple[Ridge, pd.DataFrame, HoldOut, dict[str, float]]:
    """The fitted model, its training features (for the signature), the held-out rows and its metrics on them."""
    from sklearn.linear_model import Ridge
    from sklearn.model_selection import train_test_split

    x = frame[config["features"]]
    y = frame[config["label"]]
    if len(frame) >= MIN_ROWS_TO_SPLIT:
        x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=config["test_fraction"], random_state=0)
    else:
        x_train, x_test, y_train, y_test = x, x, y, y
    model = Ridge(alpha=config["alpha"]).fit(x_train, y_train)
    metrics = {**scores(y_test, model.predict(x_test)), "training_rows": float(len(x_train))}
    return model, x_train, HoldOut(x_test, y_test), metrics


def better(metric: str, challenger: float, champion: float) -> bool:
    """Strictly better: a tie keeps the champion, so retraining on unchanged data moves nothing."""
    return challenger < champion if metric in LOWER_IS_BETTER else challenger > champion


def champion_score(model_name: str, alias: str, metric: str, hold_out: HoldOut) -> tuple[str, float] | str | None:
    """The alias's current version and its score on the new version's held-out rows; None without a
    champion; a reason (str) when the champion cannot score them (its signature no longer fits the
    spec's features)."""
    import mlflow
    from mlflow.exceptions import MlflowException
    from mlflow.tracking import MlflowClient

    try:
        current = MlflowClient().get_model_version_by_alias(model_name, alias)
    except MlflowException:
        return None
    try:
        predicted = mlflow.pyfunc.load_model(f"models:/{model_name}@{alias}").predict(hold_out.features)
    except MlflowException as error:
        return f"the current @{alias}, version {current.version}, cannot score the held-out rows ({error.message.splitlines()[0]})"
    return str(current.version), scores(hold_out.label, predicted)[metric]


def evaluate(model_name: str, config: TrainingConfig, version: str, score: float, hold_out: HoldOut) -> tuple[bool, str]:
    """Moves the alias to `version` when it beats the champion, and tags both versions with the verdict."""
    from mlflow.tracking import MlflowClient

    alias, metric = config["alias"], config["metric"]
    client = MlflowClient()
    champion = champion_score(model_name, alias, metric, hold_out)
    if champion is None:
        promoted, verdict = True, f"takes @{alias}, which no version held: {metric} {score:.6g}"
    elif isinstance(champion, str):
        promoted, verdict = True, f"takes @{alias}, as {champion}: {metric} {score:.6g}"
    else:
        current, current_score = champion
        promoted = better(metric, score, current_score)
        comparison = f"{metric} {score:.6g} against version {current}'s {current_score:.6g} on the same held-out rows"
        verdict = f"{'takes' if promoted else 'does not take'} @{alias}: {comparison}"
        client.set_model_version_tag(
            model_name, current, VERDICT_TAG, f"replaced by version {version}" if promoted else f"kept over version {version}"
        )
        client.set_model_version_tag(model_name, current, DETAIL_TAG, comparison)
    client.set_model_version_tag(model_name, version, VERDICT_TAG, "promoted" if promoted else "rejected")
    client.set_model_version_tag(model_name, version, DETAIL_TAG, verdict)
    if promoted:
        client.set_registered_model_alias(model_name, alias, version)
    return promoted, verdict


def train(spark: SparkSession, config: TrainingConfig, p: dict[str, str]) -> Registered:
    import mlflow
    from mlflow.models import infer_signature

    mlflow.set_tracking_uri(p["tracking_uri"])
    mlflow.set_registry_uri(p["registry_uri"])
    mlflow.set_experiment(p["experiment"])
    model_name = f"{p['catalog']}.ml.{config['model']}"
    data = training_data(spark, config, p["catalog"])
    model, x_train, hold_out, metrics = fit(data.frame, config)
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
                "metric": config["metric"],
            }
        )
        mlflow.log_metrics(metrics)
        signature = infer_signature(x_train, model.predict(x_train))
        info: Any = mlflow.sklearn.log_model(
            model, name="model", signature=signature, input_example=x_train.head(EXAMPLE_ROWS), registered_model_name=model_name
        )
        version = str(info.registered_model_version)
    promoted, verdict = evaluate(model_name, config, version, metrics[config["metric"]], hold_out)
    return Registered(str(run.info.run_id), model_name, version, config["alias"], metrics, promoted, verdict)


def run(spark: SparkSession, dbutils: Any, config: TrainingConfig) -> None:
    """The training task of one model."""
    registered = train(spark, config, params.read(dbutils, PARAMETERS))
    print(f"registered {registered.model_name} version {registered.version}, which {registered.verdict}; metrics {registered.metrics}")
