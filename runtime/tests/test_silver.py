"""Silver over a bronze table written as bronze writes it (one commit per append): latest wins,
nothing is lost (a row without an ordering value is quarantined, the merge is null-safe, an equal
ordering value in a later batch wins), a run without new bronze commits writes nothing and one over a
commit without inserts writes no rows."""

import pytest
from delta.tables import DeltaTable
from lakehouse_harness.dbutils import DbUtils
from pyspark.sql import functions as F
from pyspark.testing import assertDataFrameEqual
from support import silver_config

from lakehouse_runtime import gold, silver
from lakehouse_runtime.batches import processed
from lakehouse_runtime.bronze import AUDIT
from lakehouse_runtime.config import GoldConfig, SilverConfig
from lakehouse_runtime.tables import create_table, latest_version, table_properties

BRONZE_SCHEMA = "id STRING, quantity STRING, status STRING, updated_at STRING, _rescued_data STRING, _source_file STRING"


def land(spark, config: SilverConfig, rows: list[tuple], source_file: str = "f1.csv") -> None:
    """One bronze commit of text rows (id, quantity, status, updated_at[, rescued JSON])."""
    table = f"spark_catalog.{config['bronze_table']}"
    create_table(spark, table, [*config["landing_columns"], *AUDIT], table_properties(change_data_feed=True))
    full = [(*r, *([None] * (5 - len(r))), source_file) for r in rows]
    frame = spark.createDataFrame(full, BRONZE_SCHEMA).withColumns({"_ingested_at": F.current_timestamp(), "_run_id": F.lit("b")})
    frame.write.format("delta").mode("append").saveAsTable(table)


def run(spark, config: SilverConfig, run_id: str = "r1", accept: str = "none") -> None:
    silver.run(
        spark, DbUtils({"catalog": "spark_catalog", "run_id": run_id, "on_databricks": "false", "accept_held_batch": accept}), config
    )


def table(spark, name: str):
    return spark.table(f"spark_catalog.{name}")


def test_a_row_without_an_ordering_value_is_quarantined_by_name_and_later_versions_of_its_key_are_merged(spark):
    config = silver_config("no_ordering")
    land(spark, config, [("k1", "2", "new", None)])
    run(spark, config, "r1")
    land(spark, config, [("k1", "3", "done", "2026-01-02 00:00:00")])
    run(spark, config, "r2")
    assert [tuple(r) for r in table(spark, "silver.no_ordering").select("id", "quantity", "_run_id").collect()] == [("k1", 3, "r2")]
    quarantine = table(spark, "silver.no_ordering_quarantine").select("id", "updated_at", "_failed_rules").collect()
    assert [tuple(r) for r in quarantine] == [("k1", None, ["expect_column_values_to_not_be_null:updated_at"])]


def test_a_silver_row_without_an_ordering_value_is_replaced_by_any_newer_version(spark):
    config = silver_config("legacy_null")
    land(spark, config, [("k1", "1", "new", "2026-01-01 00:00:00")])
    run(spark, config)
    # A row merged before the not-null rule existed.
    spark.sql("UPDATE spark_catalog.silver.legacy_null SET updated_at = NULL")
    land(spark, config, [("k1", "4", "done", "2026-01-02 00:00:00")])
    run(spark, config, "r2")
    assert [tuple(r) for r in table(spark, "silver.legacy_null").select("id", "quantity").collect()] == [("k1", 4)]


def test_latest_version_wins_and_equal_ordering_values_go_to_the_later_commit(spark):
    config = silver_config("latest")
    land(
        spark,
        config,
        [("k1", "1", "new", "2026-01-01 00:00:00"), ("k1", "2", "new", "2026-01-03 00:00:00"), ("k2", "5", "new", "2026-01-01 00:00:00")],
    )
    land(spark, config, [("k1", "3", "new", "2026-01-02 00:00:00"), ("k2", "6", "new", "2026-01-01 00:00:00")], "f0.csv")
    run(spark, config)
    expected = spark.createDataFrame([("k1", 2), ("k2", 6)], "id STRING, quantity INT")
    assertDataFrameEqual(table(spark, "silver.latest").select("id", "quantity"), expected)
    # An older version arriving later changes nothing.
    land(spark, config, [("k1", "9", "new", "2026-01-02 12:00:00")])
    run(spark, config, "r2")
    assertDataFrameEqual(table(spark, "silver.latest").select("id", "quantity"), expected)


def test_an_equal_ordering_correction_in_a_later_batch_wins(spark):
    config = silver_config("equal_later")
    land(spark, config, [("k1", "1", "new", "2026-01-01 00:00:00")])
    run(spark, config, "r1")
    # A correction re-sent with the same ordering value, in a later bronze commit: it goes to the later commit.
    land(spark, config, [("k1", "2", "done", "2026-01-01 00:00:00")], "f2.csv")
    run(spark, config, "r2")
    rows = table(spark, "silver.equal_later").select("id", "quantity", "status", "_run_id").collect()
    assert [tuple(r) for r in rows] == [("k1", 2, "done", "r2")]


def test_rows_are_typed_standardised_and_failures_quarantined_with_one_quality_row_per_rule(spark):
    config = silver_config("standardise")
    land(
        spark,
        config,
        [("k1", "2", "NEW", "2026-01-01 00:00:00"), ("k2", "abc", "new", "2026-01-01 00:00:00"), ("k3", "4", "lost", "2026-01-01")],
    )
    run(spark, config)
    rows = table(spark, "silver.standardise").select("id", "quantity", "status", "double_quantity").collect()
    assert [tuple(r) for r in rows] == [("k1", 2, "new", 4)]
    quarantine = {r["id"]: (r["quantity"], r["_failed_rules"]) for r in table(spark, "silver.standardise_quarantine").collect()}
    assert quarantine == {
        "k2": ("abc", ["expect_column_values_to_be_of_type:quantity"]),
        "k3": ("4", ["expect_column_values_to_be_in_set:status"]),
    }
    quality = table(spark, "silver.quality_results").where("dataset = 'standardise'").collect()
    failing = {"expect_column_values_to_be_of_type:quantity": 1, "expect_column_values_to_be_in_set:status": 1}
    assert {r["rule"]: (r["failed"], r["total"]) for r in quality} == {r["name"]: (failing.get(r["name"], 0), 3) for r in config["rules"]}


def test_a_run_without_new_bronze_commits_writes_nothing(spark):
    config = silver_config("noop")
    land(spark, config, [("k1", "2", "new", "2026-01-01 00:00:00")])
    run(spark, config)
    versions = [latest_version(spark, f"spark_catalog.{t}") for t in ("silver.noop", "silver.noop_quarantine", "silver.quality_results")]
    run(spark, config, "r2")
    assert [
        latest_version(spark, f"spark_catalog.{t}") for t in ("silver.noop", "silver.noop_quarantine", "silver.quality_results")
    ] == versions


def test_a_bronze_commit_without_inserts_writes_no_silver_rows_and_gold_is_not_rebuilt(spark):
    config = silver_config("empty_batch")
    land(spark, config, [("k1", "2", "new", "2026-01-01 00:00:00")])
    run(spark, config)
    totals: GoldConfig = {
        "table": "gold.empty_batch",
        "inputs": {"rows": "silver.empty_batch"},
        "query": ["SELECT count(*) AS n", "FROM IDENTIFIER(:rows)"],
        "cluster_by": [],
        "governance": {"masks": {}, "row_filter": None},
    }
    local = DbUtils({"catalog": "spark_catalog", "on_databricks": "false"})
    gold.run(spark, local, totals)
    built = latest_version(spark, "spark_catalog.gold.empty_batch")
    # What maintenance does to bronze: a commit without inserted rows.
    spark.sql("ALTER TABLE spark_catalog.bronze.empty_batch SET TBLPROPERTIES ('delta.logRetentionDuration' = 'interval 60 days')")
    run(spark, config, "r2")
    gold.run(spark, local, totals)
    assert latest_version(spark, "spark_catalog.gold.empty_batch") == built
    history = spark.sql("DESCRIBE HISTORY spark_catalog.silver.empty_batch").where("operation != 'OPTIMIZE'").orderBy("version")
    assert [r[0] for r in history.select("operation").collect()] == ["CREATE TABLE", "WRITE", "SET TBLPROPERTIES"]
    # The range is recorded: the next run reads nothing and commits nothing.
    assert processed(spark, "spark_catalog.silver.empty_batch").last == latest_version(spark, "spark_catalog.bronze.empty_batch")
    silver_version = latest_version(spark, "spark_catalog.silver.empty_batch")
    run(spark, config, "r3")
    assert latest_version(spark, "spark_catalog.silver.empty_batch") == silver_version


def test_an_extra_column_becomes_a_silver_column_when_evolution_adds_new_columns(spark):
    config = silver_config("evolve")
    land(spark, config, [("k1", "2", "new", "2026-01-01 00:00:00", '{"Channel":"app"}')])
    run(spark, config)
    assert table(spark, "silver.evolve").select("id", "channel").collect()[0].asDict() == {"id": "k1", "channel": "app"}


def test_fails_if_a_file_brings_a_column_and_evolution_is_fail(spark):
    config = silver_config("strict")
    config["schema_evolution"] = "fail"
    config["rules"].append({"name": "expect_table_columns_to_match_set", "kind": "column_set"})
    land(spark, config, [("k1", "2", "new", "2026-01-01 00:00:00", '{"channel":"app"}')])
    with pytest.raises(ValueError, match=r"strict: landing files bring columns the spec lacks \(schemaEvolution fail\): \['channel'\]"):
        run(spark, config)
    assert table(spark, "silver.strict_quarantine").select("_failed_rules").first()[0] == ["expect_table_columns_to_match_set"]
    assert table(spark, "silver.strict").count() == 0


def test_fails_if_more_rows_fail_than_the_dataset_allows(spark):
    config = silver_config("gate")
    config["max_failed_fraction"] = 0.4
    land(spark, config, [("k1", "2", "new", "2026-01-01 00:00:00"), ("k2", "20", "new", "2026-01-01 00:00:00")])
    with pytest.raises(
        silver.QualityGateError,
        match=r"gate: 1 of 2 rows failed a rule \(more than 40% and at least 1\); they are in spark_catalog.silver.gate_quarantine\."
        r" Bronze versions 0-1 are held \(later data waits\): run the job with accept_held_batch=gate:0-1 ",
    ):
        run(spark, config)
    assert DeltaTable.forName(spark, "spark_catalog.silver.gate").toDF().count() == 0


def test_fails_if_the_ordering_column_is_not_orderable():
    config = silver_config("boolean")
    config["silver_columns"][3]["type"] = "BOOLEAN"
    with pytest.raises(ValueError, match="boolean: ordering column updated_at is BOOLEAN; expected a date, timestamp or numeric column"):
        silver.check(config)
