"""Gold: one aggregate replaced whole (CREATE OR REPLACE ... AS SELECT, one Delta transaction), so
readers see the old or the new table, vanished groups disappear and a rerun writes the same rows.
It is rebuilt only when an input silver table has new data since the last build, which the table
records in a property; a run without new data writes nothing."""

import json
from typing import Any

from pyspark.sql import SparkSession

from . import params
from .config import GoldConfig
from .tables import data_version, ident, properties_clause, table_properties, table_property

PARAMETERS = ["catalog"]
#: The input versions gold was built from.
INPUT_VERSIONS_PROPERTY = "lakehouse.input_versions"


def input_versions(spark: SparkSession, inputs: dict[str, str]) -> str:
    return json.dumps({name: data_version(spark, table) for name, table in inputs.items()}, sort_keys=True)


def up_to_date(spark: SparkSession, target: str, versions: str) -> bool:
    return spark.catalog.tableExists(target) and table_property(spark, target, INPUT_VERSIONS_PROPERTY) == versions


def build(spark: SparkSession, config: GoldConfig, target: str, inputs: dict[str, str], versions: str) -> None:
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
    build(spark, config, target, inputs, versions)
