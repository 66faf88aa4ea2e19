"""The one local SparkSession builder: Delta Lake configured, sized for one small machine."""

import os
from pathlib import Path

from delta import configure_spark_with_delta_pip
from pyspark.sql import SparkSession

#: The schemas the pipeline writes (the environment catalog's layers, locally in spark_catalog).
LAYERS = ("bronze", "silver", "gold")


def spark_session(warehouse: Path, app_name: str = "lakehouse-local") -> SparkSession:
    """A local SparkSession with Delta Lake; the jars come from Maven Central on first use.

    SPARK_MASTER, SPARK_DRIVER_MEMORY and SPARK_SHUFFLE_PARTITIONS override the defaults (local[2],
    2g, 4) for a bigger machine, e.g. the bench's 1M rows.
    """
    builder = (
        SparkSession.builder.master(os.environ.get("SPARK_MASTER", "local[2]"))
        .appName(app_name)
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.warehouse.dir", str(warehouse))
        .config("spark.sql.shuffle.partitions", os.environ.get("SPARK_SHUFFLE_PARTITIONS", "4"))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        # Delta's defaults (50 snapshot partitions, 10000 listing tasks in VACUUM) are meant for
        # clusters and dominate the run time of a small local lake.
        .config("spark.databricks.delta.snapshotPartitions", "2")
        .config("spark.sql.sources.parallelPartitionDiscovery.parallelism", "4")
        .config("spark.driver.memory", os.environ.get("SPARK_DRIVER_MEMORY", "2g"))
        .config("spark.sql.session.timeZone", "UTC")
        # ANSI mode as on the job clusters: on by default from Spark 4.0 and Databricks Runtime 17.0
        # (https://docs.databricks.com/aws/en/sql/language-manual/sql-ref-ansi-compliance); pinned here
        # so a changed default cannot make the local engine lenient where the cluster fails.
        .config("spark.sql.ansi.enabled", "true")
    )
    spark = configure_spark_with_delta_pip(builder).getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    for layer in LAYERS:
        spark.sql(f"CREATE SCHEMA IF NOT EXISTS spark_catalog.{layer}")
    return spark
