# Databricks notebook source
# MAGIC %md
# MAGIC # Governance: Unity Catalog tags, column masks and row filters
# MAGIC
# MAGIC Generated from the spec: PII columns are tagged and masked for readers without the PII permission;
# MAGIC row filters limit who sees which rows. Runs after the silver and gold tasks whatever their outcome:
# MAGIC re-applies the masks and filters the tables were created with, and drops those the spec no longer has.
# MAGIC Unity Catalog only, so off Databricks it prints the statements instead of running them.

# COMMAND ----------

import sys

dbutils.widgets.text("runtime_path", "")
RUNTIME_PATH = dbutils.widgets.get("runtime_path")
if not RUNTIME_PATH:
    raise ValueError("missing job parameter(s): runtime_path; the pipeline job passes it, a manual run must too")
sys.path.insert(0, RUNTIME_PATH)

# COMMAND ----------

CONFIG = {
    "statements": [
        {
            "table": "bronze.customers",
            "sql": "ALTER TABLE `bronze`.`customers` ALTER COLUMN `email` SET TAGS ('pii' = 'true', 'pii_class' = 'email')",
        },
        {
            "table": "bronze.customers",
            "sql": "ALTER TABLE `bronze`.`customers` ALTER COLUMN `full_name` SET TAGS ('pii' = 'true', 'pii_class' = 'name')",
        },
        {
            "table": "silver.customers",
            "sql": "ALTER TABLE `silver`.`customers` ALTER COLUMN `email` SET TAGS ('pii' = 'true', 'pii_class' = 'email')",
        },
        {
            "table": "silver.customers",
            "sql": "ALTER TABLE `silver`.`customers` ALTER COLUMN `email` SET MASK `silver`.`pii_email_domain_string`",
        },
        {
            "table": "silver.customers",
            "sql": "ALTER TABLE `silver`.`customers` ALTER COLUMN `full_name` SET TAGS ('pii' = 'true', 'pii_class' = 'name')",
        },
        {
            "table": "silver.customers",
            "sql": "ALTER TABLE `silver`.`customers` ALTER COLUMN `full_name` SET MASK `silver`.`pii_redact_string`",
        },
        {
            "table": "silver.customers_quarantine",
            "sql": "ALTER TABLE `silver`.`customers_quarantine` ALTER COLUMN `email` SET TAGS ('pii' = 'true', 'pii_class' = 'email')",
        },
        {
            "table": "silver.customers_quarantine",
            "sql": "ALTER TABLE `silver`.`customers_quarantine` ALTER COLUMN `email` SET MASK `silver`.`pii_email_domain_string`",
        },
        {
            "table": "silver.customers_quarantine",
            "sql": "ALTER TABLE `silver`.`customers_quarantine` ALTER COLUMN `full_name` SET TAGS ('pii' = 'true', 'pii_class' = 'name')",
        },
        {
            "table": "silver.customers_quarantine",
            "sql": "ALTER TABLE `silver`.`customers_quarantine` ALTER COLUMN `full_name` SET MASK `silver`.`pii_redact_string`",
        },
        {
            "table": "silver.customers_quarantine",
            "sql": "ALTER TABLE `silver`.`customers_quarantine` ALTER COLUMN `_rescued_data` SET TAGS ('pii' = 'true', 'pii_class' = 'personal')",
        },
        {
            "table": "silver.customers_quarantine",
            "sql": "ALTER TABLE `silver`.`customers_quarantine` ALTER COLUMN `_rescued_data` SET MASK `silver`.`pii_redact_string`",
        },
        {
            "table": "silver.customers",
            "sql": "ALTER TABLE `silver`.`customers` SET ROW FILTER `silver`.`row_filter_customers` ON (`country`)",
        },
        {
            "table": "silver.customers_quarantine",
            "sql": "ALTER TABLE `silver`.`customers_quarantine` SET ROW FILTER `silver`.`row_filter_customers_quarantine` ON (`country`)",
        },
        {
            "table": "gold.customer_value",
            "sql": "ALTER TABLE `gold`.`customer_value` SET ROW FILTER `gold`.`row_filter_customer_value` ON (`country`)",
        },
    ],
    "tables": {
        "bronze.customers": {"masks": {}, "row_filter": None},
        "bronze.orders": {"masks": {}, "row_filter": None},
        "bronze.payments": {"masks": {}, "row_filter": None},
        "bronze.products": {"masks": {}, "row_filter": None},
        "silver.customers": {
            "masks": {
                "email": "silver.pii_email_domain_string",
                "full_name": "silver.pii_redact_string",
            },
            "row_filter": {"function": "silver.row_filter_customers", "columns": ["country"]},
        },
        "silver.customers_quarantine": {
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
        "silver.orders": {"masks": {}, "row_filter": None},
        "silver.orders_quarantine": {"masks": {}, "row_filter": None},
        "silver.payments": {"masks": {}, "row_filter": None},
        "silver.payments_quarantine": {"masks": {}, "row_filter": None},
        "silver.products": {"masks": {}, "row_filter": None},
        "silver.products_quarantine": {"masks": {}, "row_filter": None},
        "silver.quality_results": {"masks": {}, "row_filter": None},
        "gold.customer_value": {
            "masks": {},
            "row_filter": {"function": "gold.row_filter_customer_value", "columns": ["country"]},
        },
        "gold.daily_sales": {"masks": {}, "row_filter": None},
        "gold.payment_mix": {"masks": {}, "row_filter": None},
    },
}

# COMMAND ----------

from lakehouse_runtime import governance

governance.run(spark, dbutils, CONFIG)
