"""Governance from the first write: on Unity Catalog silver, quarantine and gold are created with their
masks and row filter in their definition, gold's rebuilds overwrite rows only, the functions come first (setup)
and the governance task converges to the spec, skipping tables a failed task never created.

Open-source Spark has no masks or row filters, so UnityCatalogRecorder stands in for a Unity Catalog
session: it records every spark.sql statement, checks the Unity Catalog clauses for their exact shape,
runs the rest on local Spark (which parses it) and answers the information_schema from given rows."""

import copy
import re
from typing import Any

import pytest
from lakehouse_harness.dbutils import DbUtils
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from support import silver_config

from lakehouse_runtime import gold, governance, governance_setup, silver
from lakehouse_runtime.bronze import AUDIT
from lakehouse_runtime.config import GoldConfig, GovernanceConfig, SilverConfig
from lakehouse_runtime.params import MissingParameterError
from lakehouse_runtime.tables import create_table, table_properties

NAME = r"[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*){2}"
#: A column's MASK clause and a table's ROW FILTER clause, exactly as Databricks documents them.
GOVERNANCE_CLAUSE = re.compile(rf" MASK {NAME}(?=[,)])| WITH ROW FILTER {NAME} ON \(`\w+`(?:, `\w+`)*\)")
#: ALTER TABLE statements only Unity Catalog runs.
UNITY_CATALOG_ALTER = re.compile(
    r"^ALTER TABLE \w+\.\w+ (ALTER COLUMN `?\w+`? (DROP MASK|SET MASK \w+\.\w+|SET TAGS \(.*\))|DROP ROW FILTER|SET ROW FILTER .*)$"
)


class UnityCatalogRecorder:
    """spark as the runtime sees it on Unity Catalog, for the statements it issues."""

    def __init__(self, spark: SparkSession, masks: list[tuple[str, str, str]] | None = None, filters: list[tuple[str, str]] | None = None):
        self._spark = spark
        self._masks = masks or []
        self._filters = filters or []
        self.statements: list[str] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._spark, name)

    def sql(self, sql: str, args: dict[str, Any] | None = None) -> DataFrame:
        self.statements.append(sql)
        if "information_schema.column_masks" in sql:
            return self._spark.createDataFrame(self._masks, "schema_name STRING, table_name STRING, column_name STRING")
        if "information_schema.row_filters" in sql:
            return self._spark.createDataFrame(self._filters, "schema_name STRING, table_name STRING")
        if sql.startswith("ALTER TABLE") and ("MASK" in sql or "ROW FILTER" in sql or "SET TAGS" in sql):
            assert UNITY_CATALOG_ALTER.match(sql), sql
            return self._spark.createDataFrame([], "x INT")
        return self._spark.sql(GOVERNANCE_CLAUSE.sub("", sql), args=args)

    def creates(self) -> list[str]:
        return [s for s in self.statements if s.startswith("CREATE")]


def governed_silver(dataset: str) -> SilverConfig:
    config = silver_config(dataset)
    config["governance"] = {
        "silver": {
            "masks": {"status": "silver.pii_redact_string"},
            "row_filter": {"function": f"silver.row_filter_{dataset}", "columns": ["id"]},
        },
        "quarantine": {"masks": {"status": "silver.pii_redact_string", "_rescued_data": "silver.pii_redact_string"}, "row_filter": None},
    }
    return config


def land(spark: SparkSession, config: SilverConfig, rows: list[tuple[Any, ...]]) -> None:
    table = f"spark_catalog.{config['bronze_table']}"
    create_table(spark, table, [*config["landing_columns"], *AUDIT], table_properties(change_data_feed=True))
    frame = spark.createDataFrame(
        [(*r, "f.csv") for r in rows],
        "id STRING, quantity STRING, status STRING, updated_at STRING, _rescued_data STRING, _source_file STRING",
    )
    frame.withColumns({"_ingested_at": F.current_timestamp(), "_run_id": F.lit("b")}).write.format("delta").mode("append").saveAsTable(
        table
    )


def on(catalog_flag: str, **extra: str) -> DbUtils:
    return DbUtils({"catalog": "spark_catalog", "on_databricks": catalog_flag, **extra})


def test_silver_creates_silver_and_quarantine_with_their_masks_and_row_filter_on_unity_catalog(spark: SparkSession) -> None:
    config = governed_silver("gov_people")
    land(spark, config, [("k1", "2", "new", "2026-01-01 00:00:00", None), ("k2", "x", "new", "2026-01-01 00:00:00", '{"email":"a@b.c"}')])
    recorder = UnityCatalogRecorder(spark)
    silver.run(recorder, on("true", run_id="r1", accept_held_batch="none"), config)  # type: ignore[arg-type]
    creates = {s.split(" (")[0].removeprefix("CREATE TABLE IF NOT EXISTS "): s for s in recorder.creates()}
    people, quarantine = creates["spark_catalog.silver.gov_people"], creates["spark_catalog.silver.gov_people_quarantine"]
    assert GOVERNANCE_CLAUSE.findall(people) == [
        " MASK spark_catalog.silver.pii_redact_string",
        " WITH ROW FILTER spark_catalog.silver.row_filter_gov_people ON (`id`)",
    ]
    assert "`status` STRING MASK spark_catalog.silver.pii_redact_string, " in people
    assert " CLUSTER BY (`id`) WITH ROW FILTER " in people
    assert GOVERNANCE_CLAUSE.findall(quarantine) == [" MASK spark_catalog.silver.pii_redact_string"] * 2
    assert "`status` STRING MASK spark_catalog.silver.pii_redact_string, " in quarantine
    assert "`_rescued_data` STRING MASK spark_catalog.silver.pii_redact_string, " in quarantine
    # The rest of each statement ran on local Spark: the batch went through.
    assert [r.id for r in spark.table("spark_catalog.silver.gov_people").collect()] == ["k1"]
    assert [r.id for r in spark.table("spark_catalog.silver.gov_people_quarantine").collect()] == ["k2"]


def test_silver_creates_plain_tables_off_unity_catalog(spark: SparkSession) -> None:
    config = governed_silver("gov_local")
    land(spark, config, [("k1", "2", "new", "2026-01-01 00:00:00", None)])
    recorder = UnityCatalogRecorder(spark)
    silver.run(recorder, on("false", run_id="r1", accept_held_batch="none"), config)  # type: ignore[arg-type]
    assert len(recorder.creates()) == 3
    assert [GOVERNANCE_CLAUSE.findall(s) for s in recorder.creates()] == [[], [], []]


def test_a_mask_on_a_column_the_table_lacks_is_refused(spark: SparkSession) -> None:
    with pytest.raises(ValueError, match=r"spark_catalog.silver.gov_bad: masks on columns the table does not have: \['phone'\]"):
        create_table(
            UnityCatalogRecorder(spark),  # type: ignore[arg-type]
            "spark_catalog.silver.gov_bad",
            [{"name": "email", "type": "STRING"}],
            table_properties(False),
            governance={"masks": {"phone": "c.silver.pii_redact_string"}, "row_filter": None},
        )


GOLD: GoldConfig = {
    "table": "gold.gov_totals",
    "inputs": {"sales": "silver.gov_sales"},
    "query": [
        "SELECT",
        "    sales.shop AS shop,",
        "    sum(sales.amount) AS total",
        "FROM IDENTIFIER(:sales) AS sales",
        "GROUP BY",
        "    sales.shop",
    ],
    "cluster_by": ["shop"],
    "governance": {
        "masks": {"shop": "gold.pii_redact_string"},
        "row_filter": {"function": "gold.row_filter_gov_totals", "columns": ["shop"]},
    },
}


def test_gold_is_governed_before_its_first_rows_and_a_rebuild_overwrites_only_its_rows(spark: SparkSession) -> None:
    spark.sql("CREATE TABLE spark_catalog.silver.gov_sales (shop STRING, amount INT) USING DELTA")
    spark.sql("INSERT INTO spark_catalog.silver.gov_sales VALUES ('a', 1), ('b', 5)")
    first = UnityCatalogRecorder(spark)
    gold.run(first, on("true"), GOLD)  # type: ignore[arg-type]
    (governed,) = first.creates()
    assert governed.startswith(
        "CREATE TABLE IF NOT EXISTS spark_catalog.gold.gov_totals (`shop` string MASK spark_catalog.gold.pii_redact_string, "
    )
    assert GOVERNANCE_CLAUSE.findall(governed) == [
        " MASK spark_catalog.gold.pii_redact_string",
        " WITH ROW FILTER spark_catalog.gold.row_filter_gov_totals ON (`shop`)",
    ]
    assert "`total` bigint) USING DELTA CLUSTER BY (`shop`) WITH ROW FILTER" in governed
    assert overwrites(first) == ["INSERT OVERWRITE spark_catalog.gold.gov_totals SELECT"]
    assert sorted(tuple(r) for r in spark.table("spark_catalog.gold.gov_totals").collect()) == [("a", 1), ("b", 5)]

    spark.sql("INSERT INTO spark_catalog.silver.gov_sales VALUES ('a', 2)")
    second = UnityCatalogRecorder(spark)
    gold.run(second, on("true"), GOLD)  # type: ignore[arg-type]
    # The table and its definition stay: only its rows are written.
    assert second.creates() == []
    assert overwrites(second) == ["INSERT OVERWRITE spark_catalog.gold.gov_totals SELECT"]
    assert sorted(tuple(r) for r in spark.table("spark_catalog.gold.gov_totals").collect()) == [("a", 3), ("b", 5)]


def overwrites(recorder: UnityCatalogRecorder) -> list[str]:
    return [s.splitlines()[0] for s in recorder.statements if s.startswith("INSERT")]


def test_gold_off_unity_catalog_is_created_plain(spark: SparkSession) -> None:
    spark.sql("CREATE TABLE spark_catalog.silver.gov_sales_local (shop STRING, amount INT) USING DELTA")
    spark.sql("INSERT INTO spark_catalog.silver.gov_sales_local VALUES ('a', 1)")
    config = copy.deepcopy(GOLD)
    config.update(table="gold.gov_totals_local", inputs={"sales": "silver.gov_sales_local"})
    recorder = UnityCatalogRecorder(spark)
    gold.run(recorder, on("false"), config)  # type: ignore[arg-type]
    (created,) = recorder.creates()
    assert created.startswith("CREATE TABLE IF NOT EXISTS spark_catalog.gold.gov_totals_local (`shop` string, `total` bigint) USING DELTA")
    assert overwrites(recorder) == ["INSERT OVERWRITE spark_catalog.gold.gov_totals_local SELECT"]


def test_setup_creates_every_function_in_order_on_unity_catalog_and_lists_them_elsewhere(
    spark: SparkSession, capsys: pytest.CaptureFixture[str]
) -> None:
    config = {"functions": ["CREATE OR REPLACE TEMPORARY FUNCTION gov_mask(v STRING) RETURNS STRING RETURN '***'"]}
    governance_setup.run(spark, on("false"), config)  # type: ignore[arg-type]
    assert capsys.readouterr().out.splitlines() == [f"planned: {config['functions'][0]}"]
    governance_setup.run(spark, on("true"), config)  # type: ignore[arg-type]
    assert spark.sql("SELECT gov_mask('a@b.c') AS v").first()["v"] == "***"  # type: ignore[index]


@pytest.fixture
def governed(spark: SparkSession) -> GovernanceConfig:
    spark.sql("CREATE TABLE IF NOT EXISTS spark_catalog.silver.gov_conv (email STRING, country STRING) USING delta")
    return {
        "statements": [
            {
                "table": "silver.gov_conv",
                "sql": "ALTER TABLE silver.gov_conv ALTER COLUMN email SET TAGS ('pii' = 'true', 'pii_class' = 'email')",
            },
            {"table": "silver.gov_conv", "sql": "ALTER TABLE silver.gov_conv ALTER COLUMN email SET MASK silver.pii_redact_string"},
            {"table": "silver.gov_never", "sql": "ALTER TABLE silver.gov_never ALTER COLUMN email SET MASK silver.pii_redact_string"},
        ],
        "tables": {
            "silver.gov_conv": {"masks": {"email": "silver.pii_redact_string"}, "row_filter": None},
            "silver.gov_never": {"masks": {"email": "silver.pii_redact_string"}, "row_filter": None},
        },
    }


def test_convergence_drops_the_masks_and_filters_the_spec_no_longer_has_then_applies_the_rest(
    spark: SparkSession, governed: GovernanceConfig
) -> None:
    recorder = UnityCatalogRecorder(
        spark,
        masks=[("silver", "gov_conv", "email"), ("silver", "gov_conv", "country"), ("silver", "not_the_pipelines", "email")],
        filters=[("silver", "gov_conv"), ("silver", "not_the_pipelines")],
    )
    applied = governance.apply(recorder, governed, "rtl_prod", execute=True)  # type: ignore[arg-type]
    assert applied == [
        "ALTER TABLE silver.gov_conv ALTER COLUMN `country` DROP MASK",
        "ALTER TABLE silver.gov_conv DROP ROW FILTER",
        governed["statements"][0]["sql"],
        governed["statements"][1]["sql"],
    ]
    assert recorder.statements == [
        "SELECT schema_name, table_name, column_name FROM `rtl_prod`.information_schema.column_masks",
        "SELECT schema_name, table_name FROM `rtl_prod`.information_schema.row_filters",
        *applied,
    ]


def test_a_table_a_failed_task_never_created_is_skipped_and_nothing_is_dropped_off_unity_catalog(
    spark: SparkSession, governed: GovernanceConfig, capsys: pytest.CaptureFixture[str]
) -> None:
    recorder = UnityCatalogRecorder(spark)
    governance.run(recorder, on("false"), governed)  # type: ignore[arg-type]
    assert recorder.statements == []
    assert capsys.readouterr().out.splitlines() == [
        "skipped: silver.gov_never does not exist (the task creating it failed)",
        f"planned: {governed['statements'][0]['sql']}",
        f"planned: {governed['statements'][1]['sql']}",
    ]


def test_fails_if_a_parameter_is_missing(spark: SparkSession, governed: GovernanceConfig) -> None:
    with pytest.raises(MissingParameterError, match="on_databricks"):
        governance.run(spark, DbUtils({"catalog": "spark_catalog"}), governed)
