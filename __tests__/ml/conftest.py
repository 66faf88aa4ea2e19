"""The training task's suite (run with .venv-ml, requirements-ml.txt: Spark, Delta, MLflow, scikit-learn)
on the harness's local Spark session."""

from collections.abc import Iterator

import pytest
from lakehouse_harness.spark import spark_session
from pyspark.sql import SparkSession


@pytest.fixture(scope="session")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparkSession]:
    session = spark_session(tmp_path_factory.mktemp("warehouse"), "lakehouse-training-task")
    yield session
    session.stop()
