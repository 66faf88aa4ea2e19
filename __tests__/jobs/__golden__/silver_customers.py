# Databricks notebook source
# MAGIC %md
# MAGIC # Silver: customers
# MAGIC Registered customers from the shop's CRM export.
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
    "dataset": "customers",
    "bronze_table": "bronze.customers",
    "silver_table": "silver.customers",
    "quarantine_table": "silver.customers_quarantine",
    "quality_table": "silver.quality_results",
    "landing_columns": [
        {"name": "customer_id", "type": "STRING"},
        {"name": "email", "type": "STRING"},
        {"name": "full_name", "type": "STRING"},
        {"name": "country", "type": "STRING"},
        {"name": "segment", "type": "STRING"},
        {"name": "signup_date", "type": "STRING"},
        {"name": "updated_at", "type": "STRING"},
    ],
    "columns": [
        {"name": "customer_id", "type": "STRING", "cast": False},
        {"name": "email", "type": "STRING", "cast": False},
        {"name": "full_name", "type": "STRING", "cast": False},
        {"name": "country", "type": "STRING", "cast": False},
        {"name": "segment", "type": "STRING", "cast": False},
        {"name": "signup_date", "type": "DATE", "cast": True},
        {"name": "updated_at", "type": "TIMESTAMP", "cast": True},
    ],
    "silver_columns": [
        {"name": "customer_id", "type": "STRING", "nullable": False},
        {"name": "email", "type": "STRING", "nullable": True},
        {"name": "full_name", "type": "STRING", "nullable": True},
        {"name": "country", "type": "STRING", "nullable": True},
        {"name": "segment", "type": "STRING", "nullable": True},
        {"name": "signup_date", "type": "DATE", "nullable": True},
        {"name": "updated_at", "type": "TIMESTAMP", "nullable": False},
    ],
    "transformations": [
        {"kind": "trim", "columns": ["email", "full_name", "country", "segment"]},
        {"kind": "lowercase", "columns": ["email", "country"]},
    ],
    "rules": [
        {
            "name": "expect_column_values_to_be_of_type:signup_date",
            "kind": "type",
            "column": "signup_date",
        },
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
            "name": "expect_column_values_to_not_be_null:customer_id",
            "kind": "not_null",
            "column": "customer_id",
        },
        {
            "name": "expect_column_values_to_match_regex:email",
            "kind": "regex",
            "column": "email",
            "regex": "^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$",
        },
        {
            "name": "expect_column_values_to_be_in_set:country",
            "kind": "in_set",
            "column": "country",
            "values": ["nl", "de", "be", "fr", "gb", "us"],
        },
    ],
    "primary_key": ["customer_id"],
    "ordering_column": "updated_at",
    "max_failed_fraction": 0.2,
    "min_failed_rows": 3,
    "schema_evolution": "addNewColumns",
    "governance": {
        "silver": {
            "masks": {
                "email": "silver.pii_email_domain_string",
                "full_name": "silver.pii_redact_string",
            },
            "row_filter": {"function": "silver.row_filter_customers", "columns": ["country"]},
        },
        "quarantine": {
            "masks": {
                "email": "silver.pii_email_domain_string",
                "full_name": "silver.pii_redact_string",
                "_rescued_data": "silver.pii_redact_string",
            },
            "row_filter": {
                "function": "silver.row_filter_customers_quarantine",
                "columns": ["country"],
            },
        },
    },
}

# COMMAND ----------

from lakehouse_runtime import silver

silver.run(spark, dbutils, CONFIG)
