# Databricks notebook source
# MAGIC %md
# MAGIC # Governance: Unity Catalog tags, column masks and row filters
# MAGIC
# MAGIC Generated from the spec: PII columns are tagged and masked for readers without the PII permission;
# MAGIC row filters limit who sees which rows. Runs after the tasks that create the tables; Unity Catalog only,
# MAGIC so off Databricks it checks the tables and prints the statements instead of running them.

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
            "table": None,
            "sql": "CREATE OR REPLACE FUNCTION `silver`.`pii_email_domain_string`(`value` STRING) RETURNS STRING RETURN CASE WHEN (is_account_group_member('customer-care') OR current_user() = '11111111-2222-3333-4444-555555555555') THEN value ELSE concat('***@', regexp_extract(value, '@([^@]*)$', 1)) END",
        },
        {
            "table": None,
            "sql": "CREATE OR REPLACE FUNCTION `silver`.`pii_redact_string`(`value` STRING) RETURNS STRING RETURN CASE WHEN (is_account_group_member('customer-care') OR current_user() = '11111111-2222-3333-4444-555555555555') THEN value ELSE '[REDACTED]' END",
        },
        {
            "table": None,
            "sql": "CREATE OR REPLACE FUNCTION `silver`.`row_filter_customers`(`country` STRING) RETURNS BOOLEAN RETURN (is_account_group_member('analysts') OR is_account_group_member('customer-care') OR is_account_group_member('data-engineers') OR is_account_group_member('platform-admins') OR current_user() = '11111111-2222-3333-4444-555555555555') OR (is_account_group_member('sales-benelux') AND `country` IN ('nl', 'be'))",
        },
        {
            "table": None,
            "sql": "CREATE OR REPLACE FUNCTION `silver`.`row_filter_customers_quarantine`(`country` STRING) RETURNS BOOLEAN RETURN (is_account_group_member('analysts') OR is_account_group_member('customer-care') OR is_account_group_member('data-engineers') OR is_account_group_member('platform-admins') OR current_user() = '11111111-2222-3333-4444-555555555555') OR (is_account_group_member('sales-benelux') AND `country` IN ('nl', 'be'))",
        },
        {
            "table": None,
            "sql": "CREATE OR REPLACE FUNCTION `gold`.`row_filter_customer_value`(`country` STRING) RETURNS BOOLEAN RETURN (is_account_group_member('analysts') OR is_account_group_member('customer-care') OR is_account_group_member('data-engineers') OR is_account_group_member('platform-admins') OR current_user() = '11111111-2222-3333-4444-555555555555') OR (is_account_group_member('sales-benelux') AND `country` IN ('nl', 'be'))",
        },
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
}

# COMMAND ----------

from lakehouse_runtime import governance

governance.run(spark, dbutils, CONFIG)
