"""Gold: built from silver by the configured SQL into its own table, rebuilt only when an input changed."""

import pytest
from lakehouse_harness.dbutils import DbUtils
from pyspark.testing import assertDataFrameEqual

from lakehouse_runtime import gold
from lakehouse_runtime.config import GoldConfig
from lakehouse_runtime.tables import latest_version, table_property

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


def test_a_rebuild_overwrites_the_rows_and_keeps_the_table_its_id_and_properties(spark):
    spark.sql("CREATE TABLE spark_catalog.silver.kept_sales (shop STRING, amount INT) USING DELTA")
    spark.sql("INSERT INTO spark_catalog.silver.kept_sales VALUES ('a', 1), ('b', 5)")
    config: GoldConfig = {**CONFIG, "table": "gold.kept_totals", "inputs": {"sales": "silver.kept_sales"}}
    gold.run(spark, DbUtils({"catalog": "spark_catalog", "on_databricks": "false"}), config)
    target = "spark_catalog.gold.kept_totals"
    # What maintenance sets: a replace that wrote new metadata would drop it.
    spark.sql(f"ALTER TABLE {target} SET TBLPROPERTIES ('delta.deletedFileRetentionDuration' = 'interval 1825 days')")
    table_id = spark.sql(f"DESCRIBE DETAIL {target}").first()["id"]
    spark.sql("INSERT INTO spark_catalog.silver.kept_sales VALUES ('a', 2)")
    gold.run(spark, DbUtils({"catalog": "spark_catalog", "on_databricks": "false"}), config)
    assertDataFrameEqual(spark.table(target), spark.createDataFrame([("a", 3), ("b", 5)], "shop STRING, total BIGINT"))
    assert spark.sql(f"DESCRIBE DETAIL {target}").first()["id"] == table_id
    assert table_property(spark, target, "delta.deletedFileRetentionDuration") == "interval 1825 days"
    assert spark.sql(f"DESCRIBE DETAIL {target}").first()["clusteringColumns"] == ["shop"]
    operations = [r["operation"] for r in spark.sql(f"DESCRIBE HISTORY {target}").collect()]
    assert [op for op in operations if "CREATE" in op or "REPLACE" in op] == ["CREATE TABLE"]


def test_a_column_the_query_gains_joins_the_table_and_one_it_drops_fails_the_build(spark):
    spark.sql("CREATE TABLE spark_catalog.silver.grown_sales (shop STRING, amount INT) USING DELTA")
    spark.sql("INSERT INTO spark_catalog.silver.grown_sales VALUES ('a', 1)")
    values = DbUtils({"catalog": "spark_catalog", "on_databricks": "false"})
    config: GoldConfig = {**CONFIG, "table": "gold.grown_totals", "inputs": {"sales": "silver.grown_sales"}}
    gold.run(spark, values, config)
    query = config["query"]
    grown: GoldConfig = {**config, "query": [*query[:2], "    sum(sales.amount) AS total,", "    count(*) AS orders", *query[3:]]}
    spark.sql("INSERT INTO spark_catalog.silver.grown_sales VALUES ('a', 2)")
    gold.run(spark, values, grown)
    assert [tuple(r) for r in spark.table("spark_catalog.gold.grown_totals").collect()] == [("a", 3, 2)]
    spark.sql("INSERT INTO spark_catalog.silver.grown_sales VALUES ('a', 3)")
    with pytest.raises(
        ValueError, match=r"spark_catalog.gold.grown_totals: the query yields columns \[\('shop', 'string'\), \('total', 'bigint'\)\]"
    ):
        gold.run(spark, values, config)
