"""The Hive metastore the dbt suite's processes share: the pipeline's (fill_lake.py), dbt's and the
test's. dbt-spark's session mode opens its own SparkSession with Hive support, so the silver tables
it reads as sources must be in a metastore that outlives the process that wrote them; Derby's
embedded database (one process at a time) in the suite's work folder is that metastore."""

from pathlib import Path


def hive_conf(work: Path) -> dict[str, str]:
    """Spark settings that put the catalog in the work folder's Derby metastore and warehouse."""
    return {
        "spark.sql.catalogImplementation": "hive",
        "spark.hadoop.javax.jdo.option.ConnectionURL": f"jdbc:derby:;databaseName={work / 'metastore_db'};create=true",
        "spark.sql.warehouse.dir": str(work / "warehouse"),
    }


def submit_args(work: Path) -> str:
    """PYSPARK_SUBMIT_ARGS giving hive_conf to a SparkSession built elsewhere (the harness's)."""
    return " ".join(f"--conf {k}={v}" for k, v in hive_conf(work).items()) + " pyspark-shell"
