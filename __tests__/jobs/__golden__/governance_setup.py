# Databricks notebook source
# MAGIC %md
# MAGIC # Governance setup: the Unity Catalog mask and row filter functions
# MAGIC
# MAGIC Generated from the spec. Runs first, so every function exists before a silver or gold task creates a governed
# MAGIC table with it in its definition. Unity Catalog only: off Databricks it prints the statements instead.

# COMMAND ----------

import sys

dbutils.widgets.text("runtime_path", "")
RUNTIME_PATH = dbutils.widgets.get("runtime_path")
if not RUNTIME_PATH:
    raise ValueError("missing job parameter(s): runtime_path; the pipeline job passes it, a manual run must too")
sys.path.insert(0, RUNTIME_PATH)

# COMMAND ----------

CONFIG = {
    "functions": [
        "CREATE OR REPLACE FUNCTION `silver`.`pii_email_domain_string`(`value` STRING) RETURNS STRING RETURN CASE WHEN (is_account_group_member('customer-care') OR is_account_group_member('platform-admins') OR current_user() = '11111111-2222-3333-4444-555555555555') THEN value ELSE concat('***@', regexp_extract(value, '@([^@]*)$', 1)) END",
        "CREATE OR REPLACE FUNCTION `silver`.`pii_redact_string`(`value` STRING) RETURNS STRING RETURN CASE WHEN (is_account_group_member('customer-care') OR is_account_group_member('platform-admins') OR current_user() = '11111111-2222-3333-4444-555555555555') THEN value ELSE '[REDACTED]' END",
        "CREATE OR REPLACE FUNCTION `silver`.`row_filter_customers`(`country` STRING) RETURNS BOOLEAN RETURN (is_account_group_member('analysts') OR is_account_group_member('customer-care') OR is_account_group_member('data-engineers') OR is_account_group_member('platform-admins') OR current_user() = '11111111-2222-3333-4444-555555555555') OR (is_account_group_member('sales-benelux') AND `country` IN ('nl', 'be'))",
        "CREATE OR REPLACE FUNCTION `silver`.`row_filter_customers_quarantine`(`country` STRING) RETURNS BOOLEAN RETURN (is_account_group_member('analysts') OR is_account_group_member('customer-care') OR is_account_group_member('data-engineers') OR is_account_group_member('platform-admins') OR current_user() = '11111111-2222-3333-4444-555555555555') OR (is_account_group_member('sales-benelux') AND `country` IN ('nl', 'be'))",
        "CREATE OR REPLACE FUNCTION `gold`.`row_filter_customer_value`(`country` STRING) RETURNS BOOLEAN RETURN (is_account_group_member('analysts') OR is_account_group_member('customer-care') OR is_account_group_member('data-engineers') OR is_account_group_member('platform-admins') OR current_user() = '11111111-2222-3333-4444-555555555555') OR (is_account_group_member('sales-benelux') AND `country` IN ('nl', 'be'))",
    ],
}

# COMMAND ----------

from lakehouse_runtime import governance_setup

governance_setup.run(spark, dbutils, CONFIG)
