"""Gold: one aggregate, kept equal to its query over silver.

The first build (and any build the table cannot be brought up to date from) replaces the table
whole: CREATE OR REPLACE ... AS SELECT, one Delta transaction. Later builds recompute only the
groups whose inputs changed and MERGE them in, deleting groups that vanished. The table records, in
properties, the input versions and the query it was built from; a run without new input data
writes nothing.

Which groups changed comes from the inputs' change data feed since the recorded versions. For each
changed input the query itself is run twice with that input replaced by its changed rows: once over
the rows as they were (deletes, pre-images; the other inputs at their recorded versions), once over
the rows as they are (inserts, post-images; the other inputs at their current versions). The group
keys of the two results cover every group a changed row left or joined, whatever table the key
comes from: a join is linear in each input, and the NULL-padded rows of a LEFT JOIN over only the
changed rows cover the groups a new match takes rows out of. Each such group is then recomputed
from the whole inputs, so any aggregate (distinct counts, min, max) stays exact.
"""

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from delta.tables import DeltaTable
from py4j.protocol import Py4JJavaError  # type: ignore[import-untyped]
from pyspark.errors import PySparkException
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from . import params
from .config import GoldConfig
from .tables import data_version, ident, properties_clause, table_properties

PARAMETERS = ["catalog"]
#: The input versions gold was built from.
INPUT_VERSIONS_PROPERTY = "lakehouse.input_versions"
#: A hash of the query (and group-by columns) gold was built with: another query means a full rebuild.
QUERY_PROPERTY = "lakehouse.query_hash"
#: Change feed rows as an input held them before the change, and as it holds them after.
BEFORE = ("update_preimage", "delete")
AFTER = ("insert", "update_postimage")
CDF_COLUMNS = ("_change_type", "_commit_version", "_commit_timestamp")
PRESENT = "_lakehouse_present"


def input_versions(spark: SparkSession, inputs: dict[str, str]) -> dict[str, int]:
    return {name: data_version(spark, table) for name, table in inputs.items()}


def encode(versions: dict[str, int]) -> str:
    return json.dumps(versions, sort_keys=True)


def query_hash(config: GoldConfig) -> str:
    return hashlib.sha256(json.dumps([config["query"], config["group_by"]]).encode()).hexdigest()[:16]


def recorded_versions(spark: SparkSession, target: str, config: GoldConfig) -> dict[str, int] | None:
    """The input versions the table was built from; None when there is no table or it was built from another query."""
    if not spark.catalog.tableExists(target):
        return None
    props = {row["key"]: row["value"] for row in spark.sql(f"SHOW TBLPROPERTIES {target}").collect()}
    if props.get(QUERY_PROPERTY) != query_hash(config) or INPUT_VERSIONS_PROPERTY not in props:
        return None
    try:
        versions = json.loads(props[INPUT_VERSIONS_PROPERTY])
        return {str(k): int(v) for k, v in versions.items()}
    except (ValueError, AttributeError, TypeError):
        return None


def build(spark: SparkSession, config: GoldConfig, target: str, inputs: dict[str, str], versions: dict[str, int]) -> None:
    """The whole table from the query, in one transaction."""
    # Deletion vectors: a later MERGE marks the rows of recomputed groups deleted instead of rewriting their files.
    extra = {"delta.enableDeletionVectors": "true", INPUT_VERSIONS_PROPERTY: encode(versions), QUERY_PROPERTY: query_hash(config)}
    props = table_properties(False, extra)
    query = "\n".join(config["query"])
    spark.sql(
        f"CREATE OR REPLACE TABLE IDENTIFIER(:target) USING DELTA CLUSTER BY ({', '.join(ident(c) for c in config['cluster_by'])})"
        f" {properties_clause(props)} AS {query}",
        args={"target": target, **inputs},
    )


def changes(spark: SparkSession, table: str, start: int, end: int, types: tuple[str, ...]) -> DataFrame:
    """The table's rows of the given change types in versions start..end, with the table's columns only."""
    feed = spark.read.option("readChangeFeed", "true").option("startingVersion", start).option("endingVersion", end).table(table)
    return feed.where(F.col("_change_type").isin(*types)).drop(*CDF_COLUMNS)


def at(spark: SparkSession, table: str, version: int) -> DataFrame:
    return spark.read.option("versionAsOf", version).table(table)


@contextmanager
def views(spark: SparkSession, frames: dict[str, DataFrame], prefix: str) -> Iterator[dict[str, str]]:
    """The frames as temporary views, by input name: the query's IDENTIFIER(:input) arguments."""
    names = {name: f"_lakehouse_{prefix}_{name}" for name in frames}
    for name, frame in frames.items():
        frame.createOrReplaceTempView(names[name])
    try:
        yield dict(names)
    finally:
        for view in names.values():
            spark.catalog.dropTempView(view)


def null_safe_on(left: str, right: str, columns: list[str]) -> str:
    return " AND ".join(f"{left}.{ident(c)} <=> {right}.{ident(c)}" for c in columns)


def affected_groups(
    spark: SparkSession, config: GoldConfig, inputs: dict[str, str], before: dict[str, int], after: dict[str, int]
) -> DataFrame:
    """The group keys any changed input row contributed to, before or after the change (see the module docstring)."""
    query = "\n".join(config["query"])
    keys = ", ".join(ident(c) for c in config["group_by"])
    parts: list[DataFrame] = []
    for changed in (name for name in inputs if before[name] != after[name]):
        for side, types, versions in (("before", BEFORE, before), ("after", AFTER, after)):
            frames = {
                name: changes(spark, table, before[name] + 1, after[name], types) if name == changed else at(spark, table, versions[name])
                for name, table in inputs.items()
            }
            with views(spark, frames, f"{side}_{changed}") as args:
                # Analysed (views resolved) here, so dropping the views after is safe.
                parts.append(spark.sql(f"SELECT DISTINCT {keys} FROM ({query}) AS q", args=args))
    union = parts[0]
    for part in parts[1:]:
        union = union.unionByName(part)
    return union.distinct()


def merge_groups(
    spark: SparkSession, config: GoldConfig, target: str, inputs: dict[str, str], versions: dict[str, int], affected: DataFrame
) -> None:
    """The affected groups recomputed from the whole inputs and merged in; a group the query no longer yields is deleted."""
    query = "\n".join(config["query"])
    keys = config["group_by"]
    frames = {name: at(spark, table, versions[name]) for name, table in inputs.items()}
    with views(spark, {**frames, "_affected": affected}, "merge") as args:
        affected_view = args.pop("_affected")
        fresh = spark.sql(
            f"SELECT q.*, true AS {PRESENT} FROM ({query}) AS q LEFT SEMI JOIN {affected_view} AS k ON {null_safe_on('q', 'k', keys)}",
            args=args,
        )
        measures = [c for c in fresh.columns if c not in keys and c != PRESENT]
        source = affected.alias("k").join(fresh.alias("q"), F.expr(null_safe_on("k", "q", keys)), "left")
        source = source.select(
            *[F.col(f"k.{ident(c)}").alias(c) for c in keys],
            *[F.col(f"q.{ident(c)}").alias(c) for c in measures],
            F.coalesce(F.col(f"q.{PRESENT}"), F.lit(False)).alias(PRESENT),
        )
        (
            DeltaTable.forName(spark, target)
            .alias("t")
            .merge(source.alias("s"), null_safe_on("t", "s", keys))
            .whenMatchedDelete(condition=f"NOT s.{PRESENT}")
            .whenMatchedUpdate(set={ident(c): f"s.{ident(c)}" for c in measures})
            .whenNotMatchedInsert(condition=f"s.{PRESENT}", values={ident(c): f"s.{ident(c)}" for c in [*keys, *measures]})
            .execute()
        )


def refresh(
    spark: SparkSession, config: GoldConfig, target: str, inputs: dict[str, str], before: dict[str, int], after: dict[str, int]
) -> bool:
    """Merges the changed groups in; False when the change feed cannot say which groups changed (the caller rebuilds)."""
    affected: DataFrame | None = None
    try:
        affected = affected_groups(spark, config, inputs, before, after).persist()
        count = affected.count()
        if count:
            merge_groups(spark, config, target, inputs, after, affected)
    except (PySparkException, Py4JJavaError) as error:
        # No change feed over the range (enabled after the recorded version, its files vacuumed, or a
        # table whose row filter or column mask rules it out); a failed MERGE commits nothing.
        print(f"{target}: the inputs' change feed does not cover {before}..{after} ({type(error).__name__}); rebuilding whole")
        return False
    finally:
        if affected is not None:
            affected.unpersist()
    spark.sql(f"ALTER TABLE {target} SET TBLPROPERTIES ('{INPUT_VERSIONS_PROPERTY}' = '{encode(after)}')")
    print(f"{target}: {count} group(s) recomputed from the changes {before}..{after}")
    return True


def run(spark: SparkSession, dbutils: Any, config: GoldConfig) -> None:
    """The gold task of one aggregate."""
    p = params.read(dbutils, PARAMETERS)
    target = f"{p['catalog']}.{config['table']}"
    inputs = {name: f"{p['catalog']}.{table}" for name, table in config["inputs"].items()}
    versions = input_versions(spark, inputs)
    recorded = recorded_versions(spark, target, config)
    if recorded == versions:
        print(f"{target} is up to date with {encode(versions)}")
        return
    # Incremental only when each input appears once in the query (see jobs/gold.ts) and every input is on record.
    on_record = recorded is not None and recorded.keys() == versions.keys()
    if config["incremental"] and recorded is not None and on_record and refresh(spark, config, target, inputs, recorded, versions):
        return
    build(spark, config, target, inputs, versions)
