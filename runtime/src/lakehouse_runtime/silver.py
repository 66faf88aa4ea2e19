"""Silver: bronze's new rows typed and standardised, checked by the rules, failures quarantined
with the names of the rules they failed, one quality result per rule, and the latest passing
version of each key merged in.

Batch, not streaming: each run reads bronze's change feed from the version after the one silver
last processed (a silver table property) to bronze's current version. A run without new bronze
commits does nothing at all; appends carry txnAppId/txnVersion, so a retried run adds nothing twice.
"""

import re
from dataclasses import dataclass
from typing import Any

from delta.tables import DeltaTable
from pyspark.errors import AnalysisException
from pyspark.sql import Column as SparkColumn
from pyspark.sql import DataFrame, Row, SparkSession, Window
from pyspark.sql import functions as F

from . import params
from .bronze import AUDIT as BRONZE_AUDIT
from .config import Column, SilverConfig, Transformation
from .rules import evaluate, rescue_keys, unique_flag
from .tables import append_once, create_table, in_catalog, latest_version, set_table_property, table_properties, table_property

PARAMETERS = ["catalog", "run_id", "on_databricks"]
#: The last bronze version silver has processed.
BRONZE_VERSION_PROPERTY = "lakehouse.bronze_version"
ORDERABLE = re.compile(r"^(DATE|TIMESTAMP|INT|BIGINT|DOUBLE|FLOAT|DECIMAL\(\d+,\d+\))$")

SILVER_AUDIT: list[Column] = [
    {"name": "_source_file", "type": "STRING"},
    {"name": "_ingested_at", "type": "TIMESTAMP"},
    {"name": "_run_id", "type": "STRING"},
]
QUARANTINE_AUDIT: list[Column] = [
    {"name": "_failed_rules", "type": "ARRAY<STRING>"},
    {"name": "_quarantine_run_id", "type": "STRING"},
    {"name": "_quarantined_at", "type": "TIMESTAMP"},
]
QUALITY_COLUMNS: list[Column] = [
    {"name": "dataset", "type": "STRING"},
    {"name": "run_id", "type": "STRING"},
    {"name": "rule", "type": "STRING"},
    {"name": "failed", "type": "BIGINT"},
    {"name": "total", "type": "BIGINT"},
    {"name": "evaluated_at", "type": "TIMESTAMP"},
]


class QualityGateError(Exception):
    """The batch failed more rules than the dataset allows: the task fails, the job alerts."""


@dataclass(frozen=True)
class Tables:
    bronze: str
    silver: str
    quarantine: str
    quality: str

    @staticmethod
    def of(config: SilverConfig, catalog: str) -> "Tables":
        return Tables(*(f"{catalog}.{config[k]}" for k in ("bronze_table", "silver_table", "quarantine_table", "quality_table")))


def check(config: SilverConfig) -> None:
    """Latest-wins needs an orderable ordering column: a boolean one would freeze a key once true."""
    ordering = next(c for c in config["silver_columns"] if c["name"] == config["ordering_column"])
    if not ORDERABLE.match(ordering["type"]):
        raise ValueError(
            f"{config['dataset']}: ordering column {ordering['name']} is {ordering['type']}; expected a date, timestamp or numeric column"
        )


def create_tables(spark: SparkSession, config: SilverConfig, tables: Tables, unity_catalog: str | None = None) -> None:
    """The tables, with their masks and row filters in their definitions when running in a Unity Catalog catalog."""
    governance = config["governance"]
    silver_governance = in_catalog(unity_catalog, governance["silver"]) if unity_catalog else None
    quarantine_governance = in_catalog(unity_catalog, governance["quarantine"]) if unity_catalog else None
    # Clustered by key: the MERGE's join prunes files once OPTIMIZE has clustered them. Deletion
    # vectors: an update marks the old row deleted instead of rewriting every file it touches.
    silver_props = table_properties(change_data_feed=False, extra={"delta.enableDeletionVectors": "true"})
    create_table(spark, tables.silver, [*config["silver_columns"], *SILVER_AUDIT], silver_props, config["primary_key"], silver_governance)
    quarantine_columns = [*config["landing_columns"], *BRONZE_AUDIT, *QUARANTINE_AUDIT]
    create_table(spark, tables.quarantine, quarantine_columns, table_properties(False), (), quarantine_governance)
    try:
        create_table(spark, tables.quality, QUALITY_COLUMNS, table_properties(False))
    except AnalysisException as error:
        # Every silver task creates the shared table; one running in parallel may win the race.
        if "ALREADY_EXISTS" not in str(error):
            raise


def transformation(t: Transformation) -> dict[str, SparkColumn]:
    if t["kind"] == "derive":
        return {t["column"]: F.expr(f"try_cast(({t['expression']}) AS {t['type']})")}
    fn = {"trim": F.trim, "lowercase": F.lower, "uppercase": F.upper}[t["kind"]]
    return {c: fn(F.col(c)) for c in t["columns"]}


def standardise(changes: DataFrame, config: SilverConfig) -> DataFrame:
    """Bronze rows typed and standardised as the spec says; the raw row rides along for quarantine."""
    bronze_columns = [c["name"] for c in config["landing_columns"]] + [c["name"] for c in BRONZE_AUDIT]
    typed = changes.select(
        *[F.expr(f"try_cast(`{c['name']}` AS {c['type']})").alias(c["name"]) if c["cast"] else F.col(c["name"]) for c in config["columns"]],
        F.from_json("_rescued_data", "map<string,string>").alias("_rescued"),
        "_source_file",
        "_ingested_at",
        "_commit_version",
        F.struct(*bronze_columns).alias("_bronze"),
    )
    for t in config["transformations"]:
        typed = typed.withColumns(transformation(t))
    return typed


def flag_not_unique(spark: SparkSession, rows: DataFrame, column: str, silver: str, key: list[str]) -> DataFrame:
    """Flags values held by more than one key: within the batch, or here and in silver under another key."""
    flag = unique_flag(column)
    batch_values = rows.select(*key, column).where(F.col(column).isNotNull()).distinct()
    others = spark.table(silver).select(*key, column).join(batch_values.select(*key), key, "left_anti")
    shared = batch_values.unionByName(others).groupBy(column).count().where("count > 1")
    return rows.join(shared.select(column, F.lit(True).alias(flag)), column, "left").fillna(False, subset=[flag])


def new_columns(counts: Row, config: SilverConfig) -> list[str]:
    """Rescued keys the spec does not know: columns landing files brought in addition."""
    return sorted(set(counts["rescued_keys"]) - set(rescue_keys(config)))


def evolve(spark: SparkSession, rows: DataFrame, names: list[str], silver: str) -> DataFrame:
    """schemaEvolution "addNewColumns": new columns join silver as strings, the text the files hold."""
    columns = {name: re.sub(r"[^a-z0-9_]", "_", name.lower()) for name in names}
    existing = set(spark.table(silver).columns)
    added = ", ".join(f"`{column}` STRING" for column in sorted(set(columns.values()) - existing))
    if added:
        spark.sql(f"ALTER TABLE {silver} ADD COLUMNS ({added})")
    return rows.withColumns({column: F.col("_rescued")[name] for name, column in columns.items()})


def latest(rows: DataFrame, config: SilverConfig) -> DataFrame:
    """One row per key: the highest ordering value; ties go to the later bronze commit, then the later file name."""
    latest_first = Window.partitionBy(*config["primary_key"]).orderBy(
        F.col(config["ordering_column"]).desc(), F.col("_commit_version").desc(), F.col("_source_file").desc()
    )
    return rows.withColumn("_rank", F.row_number().over(latest_first)).where("_rank = 1")


def merge_condition(config: SilverConfig) -> str:
    """Newer wins; a target row without an ordering value (written before the not-null rule) is always replaced."""
    o = config["ordering_column"]
    return f"t.`{o}` IS NULL OR s.`{o}` > t.`{o}`"


def upsert(spark: SparkSession, rows: DataFrame, config: SilverConfig, silver: str, run_id: str) -> None:
    """The latest version of each key, merged in where it is newer than what silver holds (an empty silver takes a plain append)."""
    newest = latest(rows, config).withColumn("_run_id", F.lit(run_id))
    target = DeltaTable.forName(spark, silver)
    # Columns an earlier batch added are null for rows that do not bring them.
    source = newest.select(
        *[F.col(f"`{name}`") if name in newest.columns else F.lit(None).cast(kind).alias(name) for name, kind in target.toDF().dtypes]
    )
    if target.toDF().isEmpty():
        source.write.format("delta").mode("append").saveAsTable(silver)
        return
    on = " AND ".join(f"t.`{k}` = s.`{k}`" for k in config["primary_key"])
    target.alias("t").merge(source.alias("s"), on).whenMatchedUpdateAll(
        condition=merge_condition(config)
    ).whenNotMatchedInsertAll().execute()


def quality_rows(spark: SparkSession, counts: Row, config: SilverConfig, run_id: str) -> DataFrame:
    """One row per rule: how many of the batch's rows failed it."""
    rows = [(config["dataset"], run_id, r["name"], counts[f"rule_{i}"], counts["total"]) for i, r in enumerate(config["rules"])]
    frame = spark.createDataFrame(rows, "dataset STRING, run_id STRING, rule STRING, failed BIGINT, total BIGINT")
    return frame.withColumn("evaluated_at", F.current_timestamp())


def process(spark: SparkSession, config: SilverConfig, changes: DataFrame, tables: Tables, run_id: str, version: int) -> bool:
    """One range of bronze changes through the rules into quarantine, quality results and silver. False when it held no rows."""
    rows = standardise(changes.where("_change_type = 'insert'"), config)
    for rule in config["rules"]:
        if rule["kind"] == "unique":
            rows = flag_not_unique(spark, rows, rule["column"], tables.silver, config["primary_key"])
    checked = evaluate(rows, config).persist()
    try:
        # One pass over the batch for every figure the task needs.
        counts = checked.agg(
            F.count(F.lit(1)).alias("total"),
            F.count_if(F.size("_failed_rules") > 0).alias("failed"),
            *[F.count_if(F.array_contains("_failed_rules", r["name"])).alias(f"rule_{i}") for i, r in enumerate(config["rules"])],
            F.array_distinct(F.flatten(F.collect_set(F.map_keys("_rescued")))).alias("rescued_keys"),
        ).first()
        assert counts is not None
        if counts["total"] == 0:
            return False
        unexpected = new_columns(counts, config)
        evolved = checked if config["schema_evolution"] == "fail" else evolve(spark, checked, unexpected, tables.silver)
        if counts["failed"]:
            quarantine = evolved.where(F.size("_failed_rules") > 0).select(
                "_bronze.*", "_failed_rules", F.lit(run_id).alias("_quarantine_run_id"), F.current_timestamp().alias("_quarantined_at")
            )
            append_once(quarantine, tables.quarantine, tables.silver, version)
        append_once(quality_rows(spark, counts, config, run_id), tables.quality, tables.silver, version)
        if config["schema_evolution"] == "fail" and unexpected:
            raise ValueError(f"{config['dataset']}: landing files bring columns the spec lacks (schemaEvolution fail): {unexpected}")
        if counts["failed"] / counts["total"] > config["max_failed_fraction"]:
            raise QualityGateError(
                f"{config['dataset']}: {counts['failed']} of {counts['total']} rows failed a rule"
                f" (more than {config['max_failed_fraction']:.0%}); see {tables.quarantine}"
            )
        upsert(spark, evolved.where(F.size("_failed_rules") == 0), config, tables.silver, run_id)
        return True
    finally:
        checked.unpersist()


def run(spark: SparkSession, dbutils: Any, config: SilverConfig) -> None:
    """The silver task of one dataset."""
    check(config)
    p = params.read(dbutils, PARAMETERS)
    tables = Tables.of(config, p["catalog"])
    create_tables(spark, config, tables, p["catalog"] if params.flag(p["on_databricks"]) else None)
    done = int(table_property(spark, tables.silver, BRONZE_VERSION_PROPERTY) or -1)
    current = latest_version(spark, tables.bronze)
    if current <= done:
        print(f"{tables.silver} is up to date with {tables.bronze} version {done}")
        return
    changes = (
        spark.read.option("readChangeFeed", "true")
        .option("startingVersion", done + 1)
        .option("endingVersion", current)
        .table(tables.bronze)
    )
    if process(spark, config, changes, tables, p["run_id"], current):
        set_table_property(spark, tables.silver, BRONZE_VERSION_PROPERTY, str(current))
