"""Silver: bronze's new rows typed and standardised, checked by the rules, failures quarantined
with the names of the rules they failed, one quality result per rule, and the latest passing
version of each key written in.

Batch, not streaming: each run reads bronze's change feed over a range of versions (a `Batch`,
see batches.py), from the version after the one silver's last commit records to bronze's current
one. A run without new bronze commits does nothing at all. Per batch: one aggregate over the rows
gathers every count, then at most three commits: quality results, quarantine (only when rows
failed, or when the batch is checked again), and silver's rows with the processed version (an
append when every key is new to silver, else one SQL MERGE). A batch without inserted rows writes
no rows: one commit records its range (batches.record_empty).
"""

import re
from dataclasses import dataclass
from typing import Any

from pyspark.sql import Column as SparkColumn
from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F

from . import interval, params
from .batches import (
    Batch,
    accepted_batch,
    app_id,
    append,
    check_bronze,
    commit_metadata,
    open_batch_end,
    processed,
    record_empty,
    replace_batch,
)
from .bronze import AUDIT as BRONZE_AUDIT
from .config import Column, SilverConfig, Transformation
from .rules import column_name, column_name_sql, evaluate, rescue_keys, unique_flag
from .tables import create_table, ident, in_catalog, latest_version, table_id, table_properties

#: accept_held_batch: `none`, or the held batch the quality gate named, let through once.
PARAMETERS = ["catalog", "run_id", "on_databricks", "accept_held_batch"]
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
    # The bronze version the row came from: a batch checked again replaces its quarantined rows by it.
    {"name": "_bronze_version", "type": "BIGINT"},
]
QUALITY_COLUMNS: list[Column] = [
    {"name": "dataset", "type": "STRING"},
    {"name": "run_id", "type": "STRING"},
    {"name": "rule", "type": "STRING"},
    {"name": "failed", "type": "BIGINT"},
    {"name": "total", "type": "BIGINT"},
    {"name": "evaluated_at", "type": "TIMESTAMP"},
    # The bronze versions the results cover: a retried batch is recognised by them.
    {"name": "bronze_first", "type": "BIGINT"},
    {"name": "bronze_last", "type": "BIGINT"},
]


class QualityGateError(Exception):
    """The batch failed more rules than the dataset allows: the task fails, the job alerts, the batch is held."""


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
    # Quarantine and quality results take a few rows per batch: an optimized write's shuffle costs more than it saves.
    small = table_properties(False, extra={"delta.autoOptimize.optimizeWrite": "false"})
    create_table(spark, tables.silver, [*config["silver_columns"], *SILVER_AUDIT], silver_props, config["primary_key"], silver_governance)
    quarantine_columns = [*config["landing_columns"], *BRONZE_AUDIT, *QUARANTINE_AUDIT]
    create_table(spark, tables.quarantine, quarantine_columns, small, (), quarantine_governance)
    # Every silver task creates the shared table; create_table survives losing that race.
    create_table(spark, tables.quality, QUALITY_COLUMNS, small)


def transformation(t: Transformation) -> dict[str, SparkColumn]:
    if t["kind"] == "derive":
        return {t["column"]: F.expr(f"try_cast(({t['expression']}) AS {t['type']})")}
    fn = {"trim": F.trim, "lowercase": F.lower, "uppercase": F.upper}[t["kind"]]
    return {c: fn(F.col(c)) for c in t["columns"]}


def variant_value(column: Column) -> SparkColumn:
    """A value the reader rescued under another spelling of `column` (a header `Status` for `status`), cast to the landing type."""
    name = column["name"]
    keys = f"map_filter(from_json(_rescued_data, 'map<string,string>'), (k, v) -> {column_name_sql('k')} = '{name}' AND k != '{name}')"
    return F.expr(f"try_cast(get(map_values({keys}), 0) AS {column['type']})")


def standardise(changes: DataFrame, config: SilverConfig) -> DataFrame:
    """Bronze rows typed and standardised as the spec says; the raw row rides along for quarantine.

    A value rescued under another spelling of a landing column fills that column for its own row,
    before the casts and rules, so it is checked like any other and no other row changes."""
    landed = changes.withColumns({c["name"]: F.coalesce(F.col(ident(c["name"])), variant_value(c)) for c in config["landing_columns"]})
    bronze_columns = [c["name"] for c in config["landing_columns"]] + [c["name"] for c in BRONZE_AUDIT]
    typed = landed.select(
        *[
            F.expr(f"try_cast({ident(c['name'])} AS {c['type']})").alias(c["name"]) if c["cast"] else F.col(ident(c["name"]))
            for c in config["columns"]
        ],
        F.from_json("_rescued_data", "map<string,string>").alias("_rescued"),
        "_source_file",
        "_ingested_at",
        "_commit_version",
        F.struct(*[F.col(ident(c)) for c in bronze_columns]).alias("_bronze"),
    )
    for t in config["transformations"]:
        typed = typed.withColumns(transformation(t))
    return typed


def flag_not_unique(spark: SparkSession, rows: DataFrame, column: str, silver: str, key: list[str]) -> DataFrame:
    """Flags values held by more than one key: within the batch, or here and in silver under another key."""
    flag = unique_flag(column)
    batch_values = rows.select(*key, column).where(F.col(ident(column)).isNotNull()).distinct()
    others = spark.table(silver).select(*key, column).join(batch_values.select(*key), key, "left_anti")
    shared = batch_values.unionByName(others).groupBy(column).count().where("count > 1")
    return rows.join(shared.select(column, F.lit(True).alias(flag)), column, "left").fillna(False, subset=[flag])


def mark_known(spark: SparkSession, rows: DataFrame, silver: str, key: list[str]) -> DataFrame:
    """Adds _known: whether silver already holds the row's key (then the batch needs a MERGE, else an append will do)."""
    keys = spark.table(silver).select(*key).withColumn("_known", F.lit(True))
    return rows.join(keys, key, "left").fillna(False, subset=["_known"])


def new_columns(rescued_keys: list[str], config: SilverConfig) -> list[str]:
    """Rescued keys that name no column silver has from the spec: columns landing files brought in addition.
    Another spelling of a landing column is folded into it (standardise); one of a derived or audit
    column is never written over it."""
    known = {c["name"] for c in [*config["silver_columns"], *SILVER_AUDIT]}
    return sorted(k for k in set(rescued_keys) - set(rescue_keys(config)) if column_name(k) not in known)


def evolve(spark: SparkSession, rows: DataFrame, names: list[str], silver: str) -> DataFrame:
    """schemaEvolution "addNewColumns": new columns join silver as strings, the text the files hold.
    Keys spelled differently that name one column fill it each for the rows carrying it."""
    columns: dict[str, list[str]] = {}
    for name in names:
        columns.setdefault(column_name(name), []).append(name)
    existing = set(spark.table(silver).columns)
    added = ", ".join(f"{ident(column)} STRING" for column in sorted(set(columns) - existing))
    if added:
        spark.sql(f"ALTER TABLE {silver} ADD COLUMNS ({added})")
    return rows.withColumns({column: F.coalesce(*[F.col("_rescued")[k] for k in keys]) for column, keys in columns.items()})


def latest(rows: DataFrame, config: SilverConfig) -> DataFrame:
    """One row per key: the highest ordering value; ties go to the later bronze commit, then the later file name."""
    latest_first = Window.partitionBy(*config["primary_key"]).orderBy(
        F.col(ident(config["ordering_column"])).desc(), F.col("_commit_version").desc(), F.col("_source_file").desc()
    )
    return rows.withColumn("_rank", F.row_number().over(latest_first)).where("_rank = 1")


def merge_condition(config: SilverConfig) -> str:
    """Newer wins, and so does an equal ordering value: batches are merged in bronze's commit order, so
    the batch's row is the later bronze commit's, to which equal values go (as within a batch: latest).
    A target row without an ordering value (written before the not-null rule) is always replaced."""
    o = ident(config["ordering_column"])
    return f"t.{o} IS NULL OR s.{o} >= t.{o}"


def write_silver(
    spark: SparkSession, rows: DataFrame, config: SilverConfig, silver: str, batch: Batch, bronze_id: str, merge: bool, run_id: str
) -> None:
    """The latest version of each key in one commit that also records the batch: an append when
    every key is new to silver, else a MERGE that keeps what is newer."""
    newest = latest(rows, config).withColumn("_run_id", F.lit(run_id))
    target = spark.table(silver)
    # Columns an earlier batch added are null for rows that do not bring them.
    source = newest.select(
        *[F.col(ident(name)) if name in newest.columns else F.lit(None).cast(kind).alias(name) for name, kind in target.dtypes]
    )
    if not merge:
        append(source, silver, app_id(silver, bronze_id), batch, batch.metadata(silver, bronze_id))
        return
    on = " AND ".join(f"t.{ident(k)} = s.{ident(k)}" for k in config["primary_key"])
    # SQL, not the DeltaTable API: under Spark Connect (standard access mode) that API needs Delta's
    # Connect plugin on the server; MERGE INTO is plain SQL in both modes
    # (https://docs.databricks.com/aws/en/sql/language-manual/delta-merge-into). The source is a
    # temporary view of this session only (each notebook has its own session).
    view = f"_silver_merge_source_{config['dataset']}"
    source.createOrReplaceTempView(view)
    try:
        with commit_metadata(spark, batch.metadata(silver, bronze_id)):
            spark.sql(
                f"MERGE INTO {silver} AS t USING {ident(view)} AS s ON {on}"
                f" WHEN MATCHED AND ({merge_condition(config)}) THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *"
            )
    finally:
        spark.catalog.dropTempView(view)


def quality_rows(spark: SparkSession, counts: dict[str, Any], config: SilverConfig, run_id: str, batch: Batch) -> DataFrame:
    """One row per rule: how many of the batch's rows failed it."""
    rows = [
        (config["dataset"], run_id, r["name"], counts[f"rule_{i}"], counts["total"], batch.first, batch.last)
        for i, r in enumerate(config["rules"])
    ]
    schema = "dataset STRING, run_id STRING, rule STRING, failed BIGINT, total BIGINT, bronze_first BIGINT, bronze_last BIGINT"
    frame = spark.createDataFrame(rows, schema).withColumn("evaluated_at", F.current_timestamp())
    return frame.select(*[c["name"] for c in QUALITY_COLUMNS])


def trips_gate(counts: dict[str, Any], config: SilverConfig) -> bool:
    """Enough rows failed to matter, and too large a share: a single bad row in a tiny batch is quarantined, not fatal."""
    return bool(counts["failed"] >= config["min_failed_rows"] and counts["failed"] / counts["total"] > config["max_failed_fraction"])


def gate_error(counts: dict[str, Any], config: SilverConfig, tables: Tables, batch: Batch) -> QualityGateError:
    return QualityGateError(
        f"{config['dataset']}: {counts['failed']} of {counts['total']} rows failed a rule (more than {config['max_failed_fraction']:.0%}"
        f" and at least {config['min_failed_rows']}); they are in {tables.quarantine}. Bronze versions {batch.first}-{batch.last}"
        f" are held (later data waits): run the job with accept_held_batch={batch.label(config['dataset'])} to write the batch's"
        " passing rows to silver and go on"
    )


def process(
    spark: SparkSession, config: SilverConfig, tables: Tables, run_id: str, batch: Batch, bronze_id: str, accepted: bool, recheck: bool
) -> None:
    """One batch through the rules into quality results, quarantine and silver; every write is keyed by the batch.

    `recheck`: the batch's quality results are recorded already (a crash, or a held batch). It is checked
    under the current spec (docs/runtime.md): its quarantine is replaced by the rows failing the current
    rules, so each of its rows ends in silver or in quarantine exactly once, and the current thresholds
    decide the gate; its quality results stay those of its first check."""
    changes = (
        spark.read.option("readChangeFeed", "true")
        .option("startingVersion", batch.first)
        .option("endingVersion", batch.last)
        .table(tables.bronze)
    )
    rows = standardise(changes.where("_change_type = 'insert'"), config)
    for rule in config["rules"]:
        if rule["kind"] == "unique":
            rows = flag_not_unique(spark, rows, rule["column"], tables.silver, config["primary_key"])
    # Silver is empty until a batch from version 0 commits: every key is new, and there is nothing to join.
    rows = rows.withColumn("_known", F.lit(False)) if batch.first == 0 else mark_known(spark, rows, tables.silver, config["primary_key"])
    passing = F.size("_failed_rules") == 0
    checked = evaluate(rows, config)
    # Every count in one aggregate, and no cache: each write below computes the batch again, which is
    # exact (the change feed over a fixed version range returns the same rows, and nothing before the
    # silver write changes silver's rows) and cheap at a batch's size. Both former tools mean something
    # else under Spark Connect (standard access mode): observed metrics need Connect's own
    # `Observation` and come back only with the action that ran that very plan, and `persist()` fills
    # the server's cache, shared by every session and matched by plan, which Connect analyses anew on
    # each action, so whether a write reads the cache or recomputes is no longer the task's to say.
    counts = (
        checked.agg(
            F.count(F.lit(1)).alias("total"),
            F.count_if(~passing).alias("failed"),
            F.count_if(passing & F.col("_known")).alias("known"),
            *[F.count_if(F.array_contains("_failed_rules", r["name"])).alias(f"rule_{i}") for i, r in enumerate(config["rules"])],
            F.array_distinct(F.flatten(F.collect_set(F.map_keys("_rescued")))).alias("rescued_keys"),
        )
        .collect()[0]
        .asDict()
    )
    if counts["total"] == 0:
        record_empty(spark, tables.silver, batch, bronze_id)
        return
    append(quality_rows(spark, counts, config, run_id, batch), tables.quality, app_id(tables.silver, bronze_id), batch)
    if counts["failed"] or recheck:
        quarantine = checked.where(~passing).select(
            "_bronze.*",
            "_failed_rules",
            F.lit(run_id).alias("_quarantine_run_id"),
            F.current_timestamp().alias("_quarantined_at"),
            F.col("_commit_version").alias("_bronze_version"),
        )
        replace_batch(quarantine, tables.quarantine, "_bronze_version", batch)
    unexpected = new_columns(list(counts["rescued_keys"]), config)
    if config["schema_evolution"] == "fail" and unexpected:
        raise ValueError(f"{config['dataset']}: landing files bring columns the spec lacks (schemaEvolution fail): {unexpected}")
    if trips_gate(counts, config) and not accepted:
        raise gate_error(counts, config, tables, batch)
    evolved = evolve(spark, checked, unexpected, tables.silver) if unexpected else checked
    write_silver(spark, evolved.where(passing), config, tables.silver, batch, bronze_id, counts["known"] > 0, run_id)


def rebuilt_way_on(config: SilverConfig, tables: Tables) -> str:
    """What the operator does when bronze was rebuilt (docs/runtime.md, runbook)."""
    return (
        f"Either restore the bronze table silver processed, or reprocess the rebuilt one from version 0: DROP TABLE {tables.silver}"
        f" and {tables.quarantine}, DELETE FROM {tables.quality} WHERE dataset = '{config['dataset']}', then run the job again"
        " (silver is written anew from bronze, latest version of each key wins)"
    )


def run(spark: SparkSession, dbutils: Any, config: SilverConfig) -> None:
    """The silver task of one dataset: every batch bronze holds beyond silver's processed version."""
    check(config)
    p = params.read(dbutils, PARAMETERS)
    interval.check(dbutils, f"the landing folder behind {config['bronze_table']}")
    accepted = accepted_batch(p["accept_held_batch"], config["dataset"])
    tables = Tables.of(config, p["catalog"])
    create_tables(spark, config, tables, p["catalog"] if params.flag(p["on_databricks"]) else None)
    recorded = processed(spark, tables.silver)
    bronze_id = table_id(spark, tables.bronze)
    check_bronze(recorded, tables.bronze, bronze_id, tables.silver, rebuilt_way_on(config, tables))
    done = recorded.last
    current = latest_version(spark, tables.bronze)
    if current <= done:
        print(f"{tables.silver} is up to date with {tables.bronze} version {done}")
        return
    while done < current:
        # A batch recorded but never committed (a crash, or held by the gate) is processed again as it was.
        held = open_batch_end(spark, tables.quality, config["dataset"], done + 1)
        batch = Batch(done + 1, current if held is None else held)
        process(spark, config, tables, p["run_id"], batch, bronze_id, accepted == batch, held is not None)
        done = batch.last
