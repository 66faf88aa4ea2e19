"""The harness's local SparkSession with Delta for the unit tests (session-wide: Spark starts once)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from lakehouse_harness.spark import spark_session
from pyspark.sql import SparkSession


@pytest.fixture(scope="session")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparkSession]:
    session = spark_session(tmp_path_factory.mktemp("warehouse"), "lakehouse-runtime-tests")
    yield session
    session.stop()


@pytest.fixture
def landing(tmp_path: Path) -> Path:
    folder = tmp_path / "landing"
    folder.mkdir()
    return folder
