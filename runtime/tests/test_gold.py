"""Gold: built from silver by the configured SQL, whole the first time, then only the changed groups."""

from pyspark.sql import SparkSession
from pyspark.testing import assertDataFrameEqual
from support import FakeDbUtils

from lakehouse_runtime import gold
from lakehouse_runtime.config import GoldConfig
from lakehouse_runtime.tables import latest_version

CDF = "TBLPROPERTIES ('delta.enableChangeDataFeed' = 'true')"


def totals_config(name: str) -> GoldConfig:
    return {
        "table": f"gold.{name}",
        "inputs": {"sales": f"silver.{name}_sales"},
        "query": [
            "SELECT",
            "    sales.shop AS shop,",
            "    sum(sales.amount) AS total",
            "FROM IDENTIFIER(:sales) AS sales",
            "GROUP BY",
            "    sales.shop",
        ],
        "group_by": ["shop"],
        "incremental": True,
        "cluster_by": ["shop"],
    }


def run(spark: SparkSession, config: GoldConfig) -> None:
    gold.run(spark, FakeDbUtils({"catalog": "spark_catalog"}), config)


def totals(spark: SparkSession, rows: list[tuple[str, int]]):
    return spark.createDataFrame(rows, "shop STRING, total BIGINT")


def last_commit(spark: SparkSession, table: str):
    return spark.sql(f"DESCRIBE HISTORY {table} LIMIT 1").first()


def merge_commit(spark: SparkSession, table: str):
    """The table's latest MERGE (the property update comes after it)."""
    return spark.sql(f"DESCRIBE HISTORY {table}").where("operation = 'MERGE'").orderBy("version", ascending=False).first()


def sales_table(spark: SparkSession, name: str, values: str) -> str:
    table = f"spark_catalog.silver.{name}_sales"
    spark.sql(f"CREATE TABLE {table} (id INT, shop STRING, amount INT) USING DELTA {CDF}")
    spark.sql(f"INSERT INTO {table} VALUES {values}")
    return table


def test_gold_is_the_query_over_silver_and_is_rebuilt_only_when_an_input_changed(spark):
    config = totals_config("totals")
    sales = sales_table(spark, "totals", "(1, 'a', 1), (2, 'a', 2), (3, 'b', 5)")
    run(spark, config)
    assertDataFrameEqual(spark.table("spark_catalog.gold.totals"), totals(spark, [("a", 3), ("b", 5)]))
    built = latest_version(spark, "spark_catalog.gold.totals")
    spark.sql(f"OPTIMIZE {sales}")
    run(spark, config)
    assert latest_version(spark, "spark_catalog.gold.totals") == built
    spark.sql(f"INSERT INTO {sales} VALUES (4, 'c', 7)")
    run(spark, config)
    assertDataFrameEqual(spark.table("spark_catalog.gold.totals"), totals(spark, [("a", 3), ("b", 5), ("c", 7)]))
    assert spark.sql("DESCRIBE DETAIL spark_catalog.gold.totals").first()["clusteringColumns"] == ["shop"]


def test_only_the_groups_whose_rows_changed_are_recomputed_and_merged(spark):
    config = totals_config("changed")
    sales = sales_table(spark, "changed", "(1, 'a', 1), (2, 'a', 2), (3, 'b', 5), (4, 'd', 4)")
    run(spark, config)
    spark.sql(f"UPDATE {sales} SET amount = 10 WHERE id = 1")
    spark.sql(f"INSERT INTO {sales} VALUES (5, 'c', 7)")
    run(spark, config)
    assertDataFrameEqual(spark.table("spark_catalog.gold.changed"), totals(spark, [("a", 12), ("b", 5), ("c", 7), ("d", 4)]))
    metrics = merge_commit(spark, "spark_catalog.gold.changed")["operationMetrics"]
    assert (metrics["numTargetRowsUpdated"], metrics["numTargetRowsInserted"], metrics["numTargetRowsDeleted"]) == ("1", "1", "0")
    # b and d untouched: not even copied into a new file (deletion vectors mark the replaced row).
    assert metrics["numTargetRowsCopied"] == "0"
    affected = gold.affected_groups(spark, config, {"sales": sales}, {"sales": 1}, {"sales": 3})
    assertDataFrameEqual(affected, spark.createDataFrame([("a",), ("c",)], "shop STRING"))


def test_a_group_whose_rows_all_vanished_is_deleted(spark):
    config = totals_config("vanished")
    sales = sales_table(spark, "vanished", "(1, 'a', 1), (2, 'b', 2), (3, 'b', 5)")
    run(spark, config)
    spark.sql(f"DELETE FROM {sales} WHERE shop = 'b'")
    run(spark, config)
    assertDataFrameEqual(spark.table("spark_catalog.gold.vanished"), totals(spark, [("a", 1)]))
    metrics = merge_commit(spark, "spark_catalog.gold.vanished")["operationMetrics"]
    assert (metrics["numTargetRowsDeleted"], metrics["numTargetRowsUpdated"], metrics["numTargetRowsInserted"]) == ("1", "0", "0")


def test_a_full_rebuild_when_no_input_version_is_on_record(spark):
    config = totals_config("unrecorded")
    sales_table(spark, "unrecorded", "(1, 'a', 1), (2, 'b', 2)")
    spark.sql("CREATE TABLE spark_catalog.gold.unrecorded (shop STRING, total BIGINT) USING DELTA")
    spark.sql("INSERT INTO spark_catalog.gold.unrecorded VALUES ('stale', 99)")
    run(spark, config)
    assertDataFrameEqual(spark.table("spark_catalog.gold.unrecorded"), totals(spark, [("a", 1), ("b", 2)]))
    assert last_commit(spark, "spark_catalog.gold.unrecorded")["operation"] == "CREATE OR REPLACE TABLE AS SELECT"


def test_a_full_rebuild_when_the_change_feed_does_not_cover_the_changes(spark):
    config = totals_config("nofeed")
    sales = "spark_catalog.silver.nofeed_sales"
    spark.sql(f"CREATE TABLE {sales} (id INT, shop STRING, amount INT) USING DELTA")
    spark.sql(f"INSERT INTO {sales} VALUES (1, 'a', 1)")
    run(spark, config)
    spark.sql(f"INSERT INTO {sales} VALUES (2, 'a', 2)")
    run(spark, config)
    assertDataFrameEqual(spark.table("spark_catalog.gold.nofeed"), totals(spark, [("a", 3)]))
    assert last_commit(spark, "spark_catalog.gold.nofeed")["operation"] == "CREATE OR REPLACE TABLE AS SELECT"


def test_a_group_key_from_a_joined_table_moves_both_groups(spark):
    """A customer who moves country takes their orders out of the old country's group into the new one's."""
    config: GoldConfig = {
        "table": "gold.by_country",
        "inputs": {"orders": "silver.jorders", "customers": "silver.jcustomers"},
        "query": [
            "SELECT",
            "    customers.country AS country,",
            "    sum(orders.amount) AS total,",
            "    count(DISTINCT orders.id) AS orders",
            "FROM IDENTIFIER(:orders) AS orders",
            "LEFT JOIN IDENTIFIER(:customers) AS customers",
            "    ON orders.customer = customers.id",
            "WHERE orders.amount > 0",
            "GROUP BY",
            "    customers.country",
        ],
        "group_by": ["country"],
        "incremental": True,
        "cluster_by": ["country"],
    }
    orders, customers = "spark_catalog.silver.jorders", "spark_catalog.silver.jcustomers"
    spark.sql(f"CREATE TABLE {orders} (id INT, customer STRING, amount INT) USING DELTA {CDF}")
    spark.sql(f"CREATE TABLE {customers} (id STRING, country STRING) USING DELTA {CDF}")
    spark.sql(f"INSERT INTO {customers} VALUES ('c1', 'nl'), ('c2', 'de'), ('c3', 'fr')")
    spark.sql(f"INSERT INTO {orders} VALUES (1, 'c1', 5), (2, 'c2', 3), (3, 'c3', 1), (4, 'c9', 2)")
    run(spark, config)
    expected = "country STRING, total BIGINT, orders BIGINT"
    assertDataFrameEqual(
        spark.table("spark_catalog.gold.by_country"),
        spark.createDataFrame([("nl", 5, 1), ("de", 3, 1), ("fr", 1, 1), (None, 2, 1)], expected),
    )
    # c1 moves to de, c9 turns up (its order leaves the NULL group), an order of c3 is filtered out.
    spark.sql(f"UPDATE {customers} SET country = 'de' WHERE id = 'c1'")
    spark.sql(f"INSERT INTO {customers} VALUES ('c9', 'be')")
    spark.sql(f"UPDATE {orders} SET amount = 0 WHERE id = 3")
    run(spark, config)
    assertDataFrameEqual(
        spark.table("spark_catalog.gold.by_country"),
        spark.createDataFrame([("de", 8, 2), ("be", 2, 1)], expected),
    )
    assert merge_commit(spark, "spark_catalog.gold.by_country") is not None
    # No temporary view is left behind (a catalog listing would show it).
    assert [t.name for t in spark.catalog.listTables() if t.name.startswith("_lakehouse")] == []
