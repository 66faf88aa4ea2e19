"""Governance: the spec's Unity Catalog functions, tags, column masks and row filters, applied after the
tasks that create the tables. Every statement is idempotent (CREATE OR REPLACE FUNCTION, SET TAGS, SET
MASK, SET ROW FILTER), so each run re-applies the whole set and a table replaced since is covered again."""

from typing import Any

from pyspark.sql import SparkSession

from . import params
from .config import GovernanceConfig

PARAMETERS = ["catalog", "on_databricks"]


def missing_tables(spark: SparkSession, config: GovernanceConfig) -> list[str]:
    """The governed tables that do not exist: the tasks creating them run first, so any is a broken job."""
    return sorted({s["table"] for s in config["statements"] if s["table"] and not spark.catalog.tableExists(s["table"])})


def apply(spark: SparkSession, config: GovernanceConfig, execute: bool) -> list[str]:
    """Runs (or, off Unity Catalog, only lists) the statements in order; returns what it applied or planned."""
    missing = missing_tables(spark, config)
    if missing:
        raise RuntimeError(f"governance: missing tables {missing} in {spark.catalog.currentCatalog()}")
    done = []
    for statement in config["statements"]:
        if execute:
            spark.sql(statement["sql"])
        done.append(statement["sql"])
        print(("applied: " if execute else "planned: ") + statement["sql"])
    return done


def run(spark: SparkSession, dbutils: Any, config: GovernanceConfig) -> None:
    """The governance task. Open-source Spark has no tags, masks or row filters: off Databricks
    (on_databricks=false) it checks the tables and prints the statements instead of running them."""
    p = params.read(dbutils, PARAMETERS)
    spark.catalog.setCurrentCatalog(p["catalog"])
    apply(spark, config, params.flag(p["on_databricks"]))
