"""A local SparkSession with Delta for the unit tests (session-wide: Spark starts once)."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from delta import configure_spark_with_delta_pip
from pyspark.sql import SparkSession


@pytest.fixture(scope="session")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparkSession]:
    builder = (
        SparkSession.builder.master("local[2]")
        .appName("lakehouse-runtime-tests")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.warehouse.dir", str(tmp_path_factory.mktemp("warehouse")))
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.databricks.delta.snapshotPartitions", "1")
        .config("spark.driver.memory", os.environ.get("SPARK_DRIVER_MEMORY", "1g"))
        .config("spark.sql.session.timeZone", "UTC")
        # ANSI mode as on the job clusters: on by default from Spark 4.0 and Databricks Runtime 17.0
        # (https://docs.databricks.com/aws/en/sql/language-manual/sql-ref-ansi-compliance); pinned here
        # so a changed default cannot make the local engine lenient where the cluster fails.
        .config("spark.sql.ansi.enabled", "true")
    )
    session = configure_spark_with_delta_pip(builder).getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    for schema in ("bronze", "silver", "gold"):
        session.sql(f"CREATE SCHEMA IF NOT EXISTS spark_catalog.{schema}")
    yield session
    session.stop()


@pytest.fixture
def landing(tmp_path: Path) -> Path:
    folder = tmp_path / "landing"
    folder.mkdir()
    return folder
