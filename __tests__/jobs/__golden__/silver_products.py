# Databricks notebook source
# MAGIC %md
# MAGIC # Silver: products
# MAGIC Product catalogue snapshots from the PIM.
# MAGIC
# MAGIC Reads the rows bronze added since the last run, casts them to the spec's types and standardises them, evaluates
# MAGIC the quality rules, quarantines failing rows with the names of the rules they failed, records one quality result
# MAGIC per rule, and merges the latest passing version of each key (by updated_at) into silver.
# MAGIC Schema evolution: addNewColumns.

# COMMAND ----------

import sys

dbutils.widgets.text("runtime_path", "")
RUNTIME_PATH = dbutils.widgets.get("runtime_path")
if not RUNTIME_PATH:
    raise ValueError("missing job parameter(s): runtime_path; the pipeline job passes it, a manual run must too")
sys.path.insert(0, RUNTIME_PATH)

# COMMAND ----------

CONFIG = {
    "dataset": "products",
    "bronze_table": "bronze.products",
    "silver_table": "silver.products",
    "quarantine_table": "silver.products_quarantine",
    "quality_table": "silver.quality_results",
    "landing_columns": [
        {"name": "product_id", "type": "STRING"},
        {"name": "name", "type": "STRING"},
        {"name": "category", "type": "STRING"},
        {"name": "unit_price", "type": "STRING"},
        {"name": "active", "type": "STRING"},
        {"name": "updated_at", "type": "STRING"},
    ],
    "columns": [
        {"name": "product_id", "type": "STRING", "cast": False},
        {"name": "name", "type": "STRING", "cast": False},
        {"name": "category", "type": "STRING", "cast": False},
        {"name": "unit_price", "type": "DECIMAL(10,2)", "cast": True},
        {"name": "active", "type": "BOOLEAN", "cast": True},
        {"name": "updated_at", "type": "TIMESTAMP", "cast": True},
    ],
    "silver_columns": [
        {"name": "product_id", "type": "STRING", "nullable": False},
        {"name": "name", "type": "STRING", "nullable": True},
        {"name": "category", "type": "STRING", "nullable": True},
        {"name": "unit_price", "type": "DECIMAL(10,2)", "nullable": True},
        {"name": "active", "type": "BOOLEAN", "nullable": True},
        {"name": "updated_at", "type": "TIMESTAMP", "nullable": False},
    ],
    "transformations": [
        {"kind": "trim", "columns": ["name", "category"]},
        {"kind": "lowercase", "columns": ["category"]},
    ],
    "rules": [
        {
            "name": "expect_column_values_to_be_of_type:unit_price",
            "kind": "type",
            "column": "unit_price",
        },
        {"name": "expect_column_values_to_be_of_type:active", "kind": "type", "column": "active"},
        {
            "name": "expect_column_values_to_be_of_type:updated_at",
            "kind": "type",
            "column": "updated_at",
        },
        {"name": "expect_row_to_be_well_formed", "kind": "well_formed"},
        {
            "name": "expect_column_values_to_not_be_null:updated_at",
            "kind": "not_null",
            "column": "updated_at",
        },
        {
            "name": "expect_column_values_to_not_be_null:product_id",
            "kind": "not_null",
            "column": "product_id",
        },
        {
            "name": "expect_column_values_to_be_between:unit_price",
            "kind": "between",
            "column": "unit_price",
            "min": 0,
            "max": 100000,
        },
    ],
    "primary_key": ["product_id"],
    "ordering_column": "updated_at",
    "max_failed_fraction": 0.2,
    "min_failed_rows": 10,
    "schema_evolution": "addNewColumns",
    "governance": {
        "silver": {"masks": {}, "row_filter": None},
        "quarantine": {"masks": {}, "row_filter": None},
    },
}

# COMMAND ----------

from lakehouse_runtime import silver

silver.run(spark, dbutils, CONFIG)
