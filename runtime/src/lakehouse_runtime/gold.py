"""Gold: one aggregate rewritten whole into its table by one INSERT OVERWRITE (one Delta transaction),
so readers see the old or the new rows, vanished groups disappear and a rerun writes the same rows.
It is rebuilt only when an input silver table has new data since the last build, which the table
records in a property; a run without new data writes nothing.

The table is created once, empty, with its clustering, its properties and (on Unity Catalog) its
masks and row filter in its definition (tables.create_table), its columns those the query yields.
A build overwrites its rows and nothing else: never CREATE OR REPLACE, so masks, row filters and
maintenance's retention properties never depend on a replace keeping them (open-source Delta's
REPLACE writes new metadata). INSERT OVERWRITE replaces the rows only:
https://docs.databricks.com/aws/en/sql/language-manual/sql-ref-syntax-dml-insert-into."""

import json
from typing import Any

from pyspark.sql import SparkSession

from . import params
from .config import Column, GoldConfig, TableGovernance
from .tables import create_table, data_version, ident, in_catalog, properties_clause, table_properties, table_property

PARAMETERS = ["catalog", "on_databricks"]
#: The input versions gold was built from.
INPUT_VERSIONS_PROPERTY = "lakehouse.input_versions"


def input_versions(spark: SparkSession, inputs: dict[str, str]) -> str:
    return json.dumps({name: data_version(spark, table) for name, table in inputs.items()}, sort_keys=True)


def query_columns(spark: SparkSession, config: GoldConfig, inputs: dict[str, str]) -> list[Column]:
    """The columns the query yields (analysed, not run)."""
    schema = spark.sql("\n".join(config["query"]), args=inputs).schema
    return [{"name": f.name, "type": f.dataType.simpleString()} for f in schema.fields]


def conform(spark: SparkSession, target: str, columns: list[Column]) -> None:
    """Columns the query gained join the table; one it dropped, moved or retyped fails the build, naming the way on."""
    existing = [(f.name, f.dataType.simpleString()) for f in spark.table(target).schema.fields]
    wanted = [(c["name"], c["type"]) for c in columns]
    if wanted[: len(existing)] != existing:
        raise ValueError(
            f"{target}: the query yields columns {wanted}, the table has {existing}; a build only adds columns at the end."
            " Drop the table so the next run creates it with its definition, or keep the existing columns in their order"
        )
    added = wanted[len(existing) :]
    if added:
        spark.sql(f"ALTER TABLE {target} ADD COLUMNS ({', '.join(f'{ident(name)} {kind}' for name, kind in added)})")


def keep_clustering(spark: SparkSession, target: str, cluster_by: list[str]) -> None:
    """Sets the spec's clustering columns again when the overwrite cleared them (open-source Delta 4.0's
    overwrite does), so OPTIMIZE keeps clustering gold by them."""
    if cluster_by and spark.sql(f"DESCRIBE DETAIL {target}").first()["clusteringColumns"] != cluster_by:  # type: ignore[index]
        spark.sql(f"ALTER TABLE {target} CLUSTER BY ({', '.join(ident(c) for c in cluster_by)})")


def build(
    spark: SparkSession, config: GoldConfig, target: str, inputs: dict[str, str], versions: str, governance: TableGovernance | None = None
) -> None:
    """Overwrites the table's rows, creating it first when missing; with governance (catalog-qualified, Unity
    Catalog only) a new table is governed before its first rows."""
    columns = query_columns(spark, config, inputs)
    if spark.catalog.tableExists(target):
        conform(spark, target, columns)
    else:
        create_table(spark, target, columns, table_properties(False), config["cluster_by"], governance)
    spark.sql(f"INSERT OVERWRITE {target} " + "\n".join(config["query"]), args=inputs)
    keep_clustering(spark, target, config["cluster_by"])
    # After the rows: a crash in between leaves the old versions, and the next run rebuilds the same rows.
    spark.sql(f"ALTER TABLE {target} SET {properties_clause({INPUT_VERSIONS_PROPERTY: versions})}")


def run(spark: SparkSession, dbutils: Any, config: GoldConfig) -> None:
    """The gold task of one aggregate."""
    p = params.read(dbutils, PARAMETERS)
    target = f"{p['catalog']}.{config['table']}"
    inputs = {name: f"{p['catalog']}.{table}" for name, table in config["inputs"].items()}
    versions = input_versions(spark, inputs)
    if spark.catalog.tableExists(target) and table_property(spark, target, INPUT_VERSIONS_PROPERTY) == versions:
        print(f"{target} is up to date with {versions}")
        return
    governance = in_catalog(p["catalog"], config["governance"]) if params.flag(p["on_databricks"]) else None
    build(spark, config, target, inputs, versions, governance)
