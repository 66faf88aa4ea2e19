# Databricks notebook source
# MAGIC %md
# MAGIC # Silver: payments
# MAGIC Payment provider settlements.
# MAGIC
# MAGIC Reads the rows bronze added since the last run, casts them to the spec's types and standardises them, evaluates
# MAGIC the quality rules, quarantines failing rows with the names of the rules they failed, records one quality result
# MAGIC per rule, and merges the latest passing version of each key (by updated_at) into silver.
# MAGIC Schema evolution: fail.

# COMMAND ----------

import sys

dbutils.widgets.text("runtime_path", "")
RUNTIME_PATH = dbutils.widgets.get("runtime_path")
if not RUNTIME_PATH:
    raise ValueError("missing job parameter(s): runtime_path; the pipeline job passes it, a manual run must too")
sys.path.insert(0, RUNTIME_PATH)

# COMMAND ----------

CONFIG = {
    "dataset": "payments",
    "bronze_table": "bronze.payments",
    "silver_table": "silver.payments",
    "quarantine_table": "silver.payments_quarantine",
    "quality_table": "silver.quality_results",
    "landing_columns": [
        {"name": "payment_id", "type": "STRING"},
        {"name": "order_id", "type": "STRING"},
        {"name": "method", "type": "STRING"},
        {"name": "amount", "type": "DECIMAL(12,2)"},
        {"name": "paid_at", "type": "TIMESTAMP"},
        {"name": "updated_at", "type": "TIMESTAMP"},
    ],
    "columns": [
        {"name": "payment_id", "type": "STRING", "cast": False},
        {"name": "order_id", "type": "STRING", "cast": False},
        {"name": "method", "type": "STRING", "cast": False},
        {"name": "amount", "type": "DECIMAL(12,2)", "cast": False},
        {"name": "paid_at", "type": "TIMESTAMP", "cast": False},
        {"name": "updated_at", "type": "TIMESTAMP", "cast": False},
    ],
    "silver_columns": [
        {"name": "payment_id", "type": "STRING", "nullable": False},
        {"name": "order_id", "type": "STRING", "nullable": True},
        {"name": "method", "type": "STRING", "nullable": True},
        {"name": "amount", "type": "DECIMAL(12,2)", "nullable": True},
        {"name": "paid_at", "type": "TIMESTAMP", "nullable": True},
        {"name": "updated_at", "type": "TIMESTAMP", "nullable": False},
    ],
    "transformations": [],
    "rules": [
        {"name": "expect_column_values_to_be_of_type:amount", "kind": "type", "column": "amount"},
        {"name": "expect_column_values_to_be_of_type:paid_at", "kind": "type", "column": "paid_at"},
        {
            "name": "expect_column_values_to_be_of_type:updated_at",
            "kind": "type",
            "column": "updated_at",
        },
        {"name": "expect_table_columns_to_match_set", "kind": "column_set"},
        {
            "name": "expect_column_values_to_not_be_null:payment_id",
            "kind": "not_null",
            "column": "payment_id",
        },
        {
            "name": "expect_column_values_to_not_be_null:updated_at",
            "kind": "not_null",
            "column": "updated_at",
        },
        {
            "name": "expect_column_values_to_not_be_null:order_id",
            "kind": "not_null",
            "column": "order_id",
        },
        {
            "name": "expect_column_values_to_be_in_set:method",
            "kind": "in_set",
            "column": "method",
            "values": ["card", "ideal", "paypal", "giftcard"],
        },
        {
            "name": "expect_column_values_to_be_between:amount",
            "kind": "between",
            "column": "amount",
            "min": 0,
        },
    ],
    "primary_key": ["payment_id"],
    "ordering_column": "updated_at",
    "max_failed_fraction": 0.2,
    "min_failed_rows": 10,
    "schema_evolution": "fail",
    "governance": {
        "silver": {"masks": {}, "row_filter": None},
        "quarantine": {"masks": {}, "row_filter": None},
    },
}

# COMMAND ----------

from lakehouse_runtime import silver

silver.run(spark, dbutils, CONFIG)
