"""Governance setup, the job's first task: the spec's mask and row filter functions. They must exist
before a silver or gold task creates a governed table with them in its definition, so one task creates
them all before those tasks start (CREATE OR REPLACE FUNCTION: each run applies the spec's current
bodies). Open-source Spark has no Unity Catalog: off Databricks it only lists them."""

from typing import Any

from pyspark.sql import SparkSession

from . import params
from .config import GovernanceSetupConfig

PARAMETERS = ["catalog", "on_databricks"]


def apply(spark: SparkSession, config: GovernanceSetupConfig, execute: bool) -> list[str]:
    """Creates (or, off Unity Catalog, only lists) the functions in order; returns what it applied or planned."""
    for sql in config["functions"]:
        if execute:
            spark.sql(sql)
        print(("applied: " if execute else "planned: ") + sql)
    return list(config["functions"])


def run(spark: SparkSession, dbutils: Any, config: GovernanceSetupConfig) -> None:
    """The governance setup task: the functions are schema.name, created in the environment's catalog."""
    p = params.read(dbutils, PARAMETERS)
    spark.catalog.setCurrentCatalog(p["catalog"])
    apply(spark, config, params.flag(p["on_databricks"]))
