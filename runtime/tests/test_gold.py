"""Gold: built from silver by the configured SQL, rebuilt only when an input changed."""

from lakehouse_harness.dbutils import DbUtils
from pyspark.testing import assertDataFrameEqual

from lakehouse_runtime import gold
from lakehouse_runtime.config import GoldConfig
from lakehouse_runtime.tables import latest_version

CONFIG: GoldConfig = {
    "table": "gold.totals",
    "inputs": {"sales": "silver.sales"},
    "query": [
        "SELECT",
        "    sales.shop AS shop,",
        "    sum(sales.amount) AS total",
        "FROM IDENTIFIER(:sales) AS sales",
        "GROUP BY",
        "    sales.shop",
    ],
    "cluster_by": ["shop"],
    "governance": {"masks": {}, "row_filter": None},
}


def run(spark) -> None:
    gold.run(spark, DbUtils({"catalog": "spark_catalog", "on_databricks": "false"}), CONFIG)


def test_gold_is_the_query_over_silver_and_is_rebuilt_only_when_an_input_changed(spark):
    spark.sql("CREATE TABLE spark_catalog.silver.sales (shop STRING, amount INT) USING DELTA")
    spark.sql("INSERT INTO spark_catalog.silver.sales VALUES ('a', 1), ('a', 2), ('b', 5)")
    run(spark)
    assertDataFrameEqual(spark.table("spark_catalog.gold.totals"), spark.createDataFrame([("a", 3), ("b", 5)], "shop STRING, total BIGINT"))
    built = latest_version(spark, "spark_catalog.gold.totals")
    spark.sql("OPTIMIZE spark_catalog.silver.sales")
    run(spark)
    assert latest_version(spark, "spark_catalog.gold.totals") == built
    spark.sql("INSERT INTO spark_catalog.silver.sales VALUES ('c', 7)")
    run(spark)
    assertDataFrameEqual(
        spark.table("spark_catalog.gold.totals"), spark.createDataFrame([("a", 3), ("b", 5), ("c", 7)], "shop STRING, total BIGINT")
    )
    assert spark.sql("DESCRIBE DETAIL spark_catalog.gold.totals").first()["clusteringColumns"] == ["shop"]
