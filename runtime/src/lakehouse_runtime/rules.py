"""The rules silver evaluates per row, compiled from the configuration to Spark Columns that are
true when a row FAILS. Like Great Expectations, column rules let nulls pass (only not-null fails
them); a SQL expression rule fails unless the expression is true."""

import re

from pyspark.sql import Column as SparkColumn
from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from .bronze import CORRUPT_COLUMN
from .config import Rule, SilverConfig


def column_name(key: str) -> str:
    """The column a landing key becomes: lower case, anything but a-z, 0-9 and _ replaced by _."""
    return re.sub(r"[^a-z0-9_]", "_", key.lower())


def column_name_sql(key: str) -> str:
    """column_name as a Spark SQL expression over the SQL expression `key`."""
    return f"regexp_replace(lower({key}), '[^a-z0-9_]', '_')"


def unique_flag(column: str) -> str:
    """The flag column marking a value shared by more than one key (see silver.flag_not_unique)."""
    return f"_not_unique_{column}"


def rescue_keys(config: SilverConfig) -> list[str]:
    """Rescued keys that are not new columns: type mismatches, malformed lines, Auto Loader's file path."""
    return [*(c["name"] for c in config["landing_columns"]), CORRUPT_COLUMN, "_file_path"]


def fails(rule: Rule, config: SilverConfig) -> SparkColumn:
    """A Column that is true when a row fails `rule`."""
    if rule["kind"] == "well_formed":
        return F.col("_rescued")[CORRUPT_COLUMN].isNotNull()
    if rule["kind"] == "column_set":
        keys = rescue_keys(config)
        return F.exists(F.map_keys("_rescued"), lambda key: ~key.isin(*keys))
    if rule["kind"] == "sql":
        return ~F.coalesce(F.expr(rule["expression"]), F.lit(False))
    if rule["kind"] == "type":
        # A text value that does not cast; for typed sources, a value the reader had to rescue.
        spec = next(c for c in config["columns"] if c["name"] == rule["column"])
        if spec["cast"]:
            return F.col(f"_bronze.{rule['column']}").isNotNull() & F.col(rule["column"]).isNull()
        return F.col("_rescued")[rule["column"]].isNotNull()
    if rule["kind"] == "not_null":
        return F.col(rule["column"]).isNull()
    if rule["kind"] == "unique":
        return F.col(unique_flag(rule["column"]))
    if rule["kind"] == "between":
        column = F.col(rule["column"])
        bounds = [*([column < rule["min"]] if "min" in rule else []), *([column > rule["max"]] if "max" in rule else [])]
        return F.coalesce(bounds[0] if len(bounds) == 1 else bounds[0] | bounds[1], F.lit(False))
    if rule["kind"] == "in_set":
        return F.coalesce(~F.col(rule["column"]).isin(*rule["values"]), F.lit(False))
    if rule["kind"] == "regex":
        return F.coalesce(~F.col(rule["column"]).rlike(rule["regex"]), F.lit(False))
    raise ValueError(f"unknown rule kind {rule['kind']!r}")


def evaluate(rows: DataFrame, config: SilverConfig) -> DataFrame:
    """Adds _failed_rules: the names of the rules a row fails, in the configuration's order; empty when it passes."""
    failed = [F.when(fails(rule, config), F.lit(rule["name"])) for rule in config["rules"]]
    return rows.withColumn("_failed_rules", F.array_compact(F.array(*failed)) if failed else F.array().cast("array<string>"))
