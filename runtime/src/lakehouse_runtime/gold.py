"""Gold: one aggregate replaced whole (CREATE OR REPLACE ... AS SELECT, one Delta transaction), so
readers see the old or the new table, vanished groups disappear and a rerun writes the same rows.
It is rebuilt only when an input silver table has new data since the last build, which the table
records in a property; a run without new data writes nothing.

Governed on Unity Catalog from its first version: a table that does not exist yet is first created
empty with its masks and row filter in its definition (columns as the query yields them), and the
replace keeps them: "REPLACE preserves the table history and granted privileges, row filters, and
column masks" (https://docs.databricks.com/aws/en/sql/language-manual/sql-ref-syntax-ddl-create-table-using).
The replace names no columns (its schema is the query's), so it relies on that preservation."""

import json
from typing import Any

from pyspark.sql import SparkSession

from . import params
from .config import Column, GoldConfig, TableGovernance
from .tables import create_table, data_version, ident, in_catalog, is_governed, properties_clause, table_properties, table_property

PARAMETERS = ["catalog", "on_databricks"]
#: The input versions gold was built from.
INPUT_VERSIONS_PROPERTY = "lakehouse.input_versions"


def input_versions(spark: SparkSession, inputs: dict[str, str]) -> str:
    return json.dumps({name: data_version(spark, table) for name, table in inputs.items()}, sort_keys=True)


def up_to_date(spark: SparkSession, target: str, versions: str) -> bool:
    return spark.catalog.tableExists(target) and table_property(spark, target, INPUT_VERSIONS_PROPERTY) == versions


def create_governed(spark: SparkSession, config: GoldConfig, target: str, inputs: dict[str, str], governance: TableGovernance) -> None:
    """The empty table with its masks and row filter, its columns those the query yields (analysed, not run)."""
    schema = spark.sql("\n".join(config["query"]), args=inputs).schema
    columns: list[Column] = [{"name": f.name, "type": f.dataType.simpleString()} for f in schema.fields]
    create_table(spark, target, columns, table_properties(False), config["cluster_by"], governance)


def build(
    spark: SparkSession, config: GoldConfig, target: str, inputs: dict[str, str], versions: str, governance: TableGovernance | None = None
) -> None:
    """Replaces the table; with governance (catalog-qualified, Unity Catalog only) a new table is governed before its first rows."""
    if governance and is_governed(governance) and not spark.catalog.tableExists(target):
        create_governed(spark, config, target, inputs, governance)
    props = table_properties(False, {INPUT_VERSIONS_PROPERTY: versions})
    query = "\n".join(config["query"])
    spark.sql(
        f"CREATE OR REPLACE TABLE IDENTIFIER(:target) USING DELTA CLUSTER BY ({', '.join(ident(c) for c in config['cluster_by'])})"
        f" {properties_clause(props)} AS {query}",
        args={"target": target, **inputs},
    )


def run(spark: SparkSession, dbutils: Any, config: GoldConfig) -> None:
    """The gold task of one aggregate."""
    p = params.read(dbutils, PARAMETERS)
    target = f"{p['catalog']}.{config['table']}"
    inputs = {name: f"{p['catalog']}.{table}" for name, table in config["inputs"].items()}
    versions = input_versions(spark, inputs)
    if up_to_date(spark, target, versions):
        print(f"{target} is up to date with {versions}")
        return
    governance = in_catalog(p["catalog"], config["governance"]) if params.flag(p["on_databricks"]) else None
    build(spark, config, target, inputs, versions, governance)
