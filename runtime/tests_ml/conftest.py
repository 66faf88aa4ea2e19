"""The training tests' session (run with .venv-ml, requirements-ml.txt): the harness's local Spark with
Delta, and an MLflow tracking and model registry store in a SQLite file, as the URIs the job would pass."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from lakehouse_harness.spark import spark_session
from pyspark.sql import SparkSession


@pytest.fixture(scope="session")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparkSession]:
    session = spark_session(tmp_path_factory.mktemp("warehouse"), "lakehouse-training-tests")
    yield session
    session.stop()


@pytest.fixture
def mlflow_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh SQLite tracking and registry store; artifacts land under the test's folder."""
    monkeypatch.chdir(tmp_path)
    return f"sqlite:///{tmp_path / 'mlflow.db'}"
