# Databricks notebook source
# MAGIC %md
# MAGIC # Silver: shipments
# MAGIC Carrier scans, exported without a header line.
# MAGIC
# MAGIC Reads the rows bronze added since the last run, casts them to the spec's types and standardises them, evaluates
# MAGIC the quality rules, quarantines failing rows with the names of the rules they failed, records one quality result
# MAGIC per rule, and merges the latest passing version of each key (by scanned_at) into silver.
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
    "dataset": "shipments",
    "bronze_table": "bronze.shipments",
    "silver_table": "silver.shipments",
    "quarantine_table": "silver.shipments_quarantine",
    "quality_table": "silver.quality_results",
    "landing_columns": [
        {"name": "shipment_id", "type": "STRING"},
        {"name": "scan_no", "type": "STRING"},
        {"name": "tracking_code", "type": "STRING"},
        {"name": "weight_kg", "type": "STRING"},
        {"name": "scanned_at", "type": "STRING"},
    ],
    "columns": [
        {"name": "shipment_id", "type": "STRING", "cast": False},
        {"name": "scan_no", "type": "INT", "cast": True},
        {"name": "tracking_code", "type": "STRING", "cast": False},
        {"name": "weight_kg", "type": "DOUBLE", "cast": True},
        {"name": "scanned_at", "type": "TIMESTAMP", "cast": True},
    ],
    "silver_columns": [
        {"name": "shipment_id", "type": "STRING", "nullable": False},
        {"name": "scan_no", "type": "INT", "nullable": False},
        {"name": "tracking_code", "type": "STRING", "nullable": True},
        {"name": "weight_kg", "type": "DOUBLE", "nullable": True},
        {"name": "scanned_at", "type": "TIMESTAMP", "nullable": False},
    ],
    "transformations": [
        {"kind": "uppercase", "columns": ["tracking_code"]},
        {"kind": "trim", "columns": ["tracking_code"]},
    ],
    "rules": [
        {"name": "expect_column_values_to_be_of_type:scan_no", "kind": "type", "column": "scan_no"},
        {
            "name": "expect_column_values_to_be_of_type:weight_kg",
            "kind": "type",
            "column": "weight_kg",
        },
        {
            "name": "expect_column_values_to_be_of_type:scanned_at",
            "kind": "type",
            "column": "scanned_at",
        },
        {"name": "expect_row_to_be_well_formed", "kind": "well_formed"},
        {
            "name": "expect_column_values_to_not_be_null:shipment_id",
            "kind": "not_null",
            "column": "shipment_id",
        },
        {
            "name": "expect_column_values_to_not_be_null:scan_no",
            "kind": "not_null",
            "column": "scan_no",
        },
        {
            "name": "expect_column_values_to_not_be_null:scanned_at",
            "kind": "not_null",
            "column": "scanned_at",
        },
        {
            "name": "expect_column_values_to_be_unique:tracking_code",
            "kind": "unique",
            "column": "tracking_code",
        },
        {
            "name": "expect_column_values_to_be_between:weight_kg",
            "kind": "between",
            "column": "weight_kg",
            "min": 0,
        },
        {"name": "tracked", "kind": "not_null", "column": "tracking_code"},
    ],
    "primary_key": ["shipment_id", "scan_no"],
    "ordering_column": "scanned_at",
    "max_failed_fraction": 0.05,
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
