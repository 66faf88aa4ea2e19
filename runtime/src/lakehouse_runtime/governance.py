"""Governance, after every silver and gold task whatever their outcome (run_if ALL_DONE): tags on the
PII columns, the masks and row filters re-applied (SET MASK, SET ROW FILTER: idempotent, and covering
a table created before its definition carried them), and, on the pipeline's tables, the masks and
filters the spec no longer has dropped. A table a failed task never created is skipped, not an error:
the job has already failed on that task. The functions exist: governance_setup created them."""

from typing import Any

from pyspark.sql import SparkSession

from . import params
from .config import GovernanceConfig
from .tables import ident

PARAMETERS = ["catalog", "on_databricks"]


def missing_tables(spark: SparkSession, config: GovernanceConfig) -> list[str]:
    """The governed tables that do not exist: their task failed before creating them."""
    return sorted({s["table"] for s in config["statements"] if not spark.catalog.tableExists(s["table"])})


def stale(spark: SparkSession, catalog: str, config: GovernanceConfig) -> list[str]:
    """DROP statements for the masks and row filters on the pipeline's tables that the spec no longer has,
    from what Unity Catalog reports (https://docs.databricks.com/aws/en/sql/language-manual/information-schema/column_masks,
    https://docs.databricks.com/aws/en/sql/language-manual/information-schema/row_filters)."""
    wanted = config["tables"]
    masks = spark.sql(f"SELECT schema_name, table_name, column_name FROM {ident(catalog)}.information_schema.column_masks").collect()
    filters = spark.sql(f"SELECT schema_name, table_name FROM {ident(catalog)}.information_schema.row_filters").collect()
    drops = [
        f"ALTER TABLE {table} ALTER COLUMN {ident(r['column_name'])} DROP MASK"
        for r in masks
        if (table := f"{r['schema_name']}.{r['table_name']}") in wanted and r["column_name"] not in wanted[table]["masks"]
    ]
    drops += [
        f"ALTER TABLE {table} DROP ROW FILTER"
        for r in filters
        if (table := f"{r['schema_name']}.{r['table_name']}") in wanted and wanted[table]["row_filter"] is None
    ]
    return sorted(drops)


def apply(spark: SparkSession, config: GovernanceConfig, catalog: str, execute: bool) -> list[str]:
    """Runs (or, off Unity Catalog, only lists) the drops, then the statements of every existing table, in order;
    returns what it applied or planned. Open-source Spark has no masks to read, so off Unity Catalog nothing is dropped."""
    missing = missing_tables(spark, config)
    for table in missing:
        print(f"skipped: {table} does not exist (the task creating it failed)")
    drops = stale(spark, catalog, config) if execute else []
    statements = [*drops, *(s["sql"] for s in config["statements"] if s["table"] not in missing)]
    for sql in statements:
        if execute:
            spark.sql(sql)
        print(("applied: " if execute else "planned: ") + sql)
    return statements


def run(spark: SparkSession, dbutils: Any, config: GovernanceConfig) -> None:
    """The governance task, in the environment's catalog (the statements name schema.table)."""
    p = params.read(dbutils, PARAMETERS)
    spark.catalog.setCurrentCatalog(p["catalog"])
    apply(spark, config, p["catalog"], params.flag(p["on_databricks"]))
