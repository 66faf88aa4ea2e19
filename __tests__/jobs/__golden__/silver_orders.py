# Databricks notebook source
# MAGIC %md
# MAGIC # Silver: orders
# MAGIC Order lines from the web shop.
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
    "dataset": "orders",
    "bronze_table": "bronze.orders",
    "silver_table": "silver.orders",
    "quarantine_table": "silver.orders_quarantine",
    "quality_table": "silver.quality_results",
    "landing_columns": [
        {"name": "order_id", "type": "STRING"},
        {"name": "customer_id", "type": "STRING"},
        {"name": "product_id", "type": "STRING"},
        {"name": "quantity", "type": "STRING"},
        {"name": "unit_price", "type": "STRING"},
        {"name": "status", "type": "STRING"},
        {"name": "order_ts", "type": "STRING"},
        {"name": "updated_at", "type": "STRING"},
    ],
    "columns": [
        {"name": "order_id", "type": "STRING", "cast": False},
        {"name": "customer_id", "type": "STRING", "cast": False},
        {"name": "product_id", "type": "STRING", "cast": False},
        {"name": "quantity", "type": "INT", "cast": True},
        {"name": "unit_price", "type": "DECIMAL(10,2)", "cast": True},
        {"name": "status", "type": "STRING", "cast": False},
        {"name": "order_ts", "type": "TIMESTAMP", "cast": True},
        {"name": "updated_at", "type": "TIMESTAMP", "cast": True},
    ],
    "silver_columns": [
        {"name": "order_id", "type": "STRING", "nullable": False},
        {"name": "customer_id", "type": "STRING", "nullable": True},
        {"name": "product_id", "type": "STRING", "nullable": True},
        {"name": "quantity", "type": "INT", "nullable": True},
        {"name": "unit_price", "type": "DECIMAL(10,2)", "nullable": True},
        {"name": "status", "type": "STRING", "nullable": True},
        {"name": "order_ts", "type": "TIMESTAMP", "nullable": True},
        {"name": "updated_at", "type": "TIMESTAMP", "nullable": False},
        {"name": "order_date", "type": "DATE", "nullable": True},
        {"name": "line_total", "type": "DECIMAL(12,2)", "nullable": True},
    ],
    "transformations": [
        {"kind": "lowercase", "columns": ["status"]},
        {
            "kind": "derive",
            "column": "order_date",
            "expression": "to_date(order_ts)",
            "type": "DATE",
        },
        {
            "kind": "derive",
            "column": "line_total",
            "expression": "quantity * unit_price",
            "type": "DECIMAL(12,2)",
        },
    ],
    "rules": [
        {
            "name": "expect_column_values_to_be_of_type:quantity",
            "kind": "type",
            "column": "quantity",
        },
        {
            "name": "expect_column_values_to_be_of_type:unit_price",
            "kind": "type",
            "column": "unit_price",
        },
        {
            "name": "expect_column_values_to_be_of_type:order_ts",
            "kind": "type",
            "column": "order_ts",
        },
        {
            "name": "expect_column_values_to_be_of_type:updated_at",
            "kind": "type",
            "column": "updated_at",
        },
        {"name": "expect_row_to_be_well_formed", "kind": "well_formed"},
        {
            "name": "expect_column_values_to_not_be_null:order_id",
            "kind": "not_null",
            "column": "order_id",
        },
        {
            "name": "expect_column_values_to_not_be_null:updated_at",
            "kind": "not_null",
            "column": "updated_at",
        },
        {
            "name": "expect_column_values_to_not_be_null:customer_id",
            "kind": "not_null",
            "column": "customer_id",
        },
        {
            "name": "expect_column_values_to_be_between:quantity",
            "kind": "between",
            "column": "quantity",
            "min": 1,
            "max": 1000,
        },
        {
            "name": "expect_column_values_to_be_in_set:status",
            "kind": "in_set",
            "column": "status",
            "values": ["placed", "shipped", "completed", "cancelled"],
        },
        {"name": "price_not_negative", "kind": "sql", "expression": "unit_price >= 0"},
    ],
    "primary_key": ["order_id"],
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
