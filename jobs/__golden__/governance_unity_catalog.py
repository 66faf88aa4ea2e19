# Databricks notebook source
# MAGIC %md
# MAGIC # Governance: Unity Catalog tags, column masks and row filters
# MAGIC
# MAGIC Generated from the spec: PII columns are tagged and masked for readers without the PII permission;
# MAGIC row filters limit who sees which rows. Runs after the tasks that create the tables; Unity Catalog only,
# MAGIC so off Databricks it checks the tables and prints the statements instead of running them.

# COMMAND ----------

dbutils.widgets.text("catalog", "rtl_dev")
dbutils.widgets.text("on_databricks", "true")
CATALOG = dbutils.widgets.get("catalog")
ON_DATABRICKS = dbutils.widgets.get("on_databricks") == "true"

# COMMAND ----------

# (table the statement alters, or None for a function; statement), in the order they must run.
STATEMENTS = [
    (None, "CREATE OR REPLACE FUNCTION silver.pii_email_domain_string(value STRING) RETURNS STRING RETURN CASE WHEN (is_account_group_member('customer-care') OR current_user() = '11111111-2222-3333-4444-555555555555') THEN value ELSE concat('***@', regexp_extract(value, '@([^@]*)$', 1)) END"),
    (None, "CREATE OR REPLACE FUNCTION silver.pii_redact_string(value STRING) RETURNS STRING RETURN CASE WHEN (is_account_group_member('customer-care') OR current_user() = '11111111-2222-3333-4444-555555555555') THEN value ELSE '[REDACTED]' END"),
    (None, "CREATE OR REPLACE FUNCTION silver.row_filter_customers(country STRING) RETURNS BOOLEAN RETURN (is_account_group_member('analysts') OR is_account_group_member('customer-care') OR is_account_group_member('data-engineers') OR is_account_group_member('platform-admins') OR current_user() = '11111111-2222-3333-4444-555555555555') OR (is_account_group_member('sales-benelux') AND country IN ('nl', 'be'))"),
    (None, "CREATE OR REPLACE FUNCTION silver.row_filter_customers_quarantine(country STRING) RETURNS BOOLEAN RETURN (is_account_group_member('analysts') OR is_account_group_member('customer-care') OR is_account_group_member('data-engineers') OR is_account_group_member('platform-admins') OR current_user() = '11111111-2222-3333-4444-555555555555') OR (is_account_group_member('sales-benelux') AND country IN ('nl', 'be'))"),
    (None, "CREATE OR REPLACE FUNCTION gold.row_filter_customer_value(country STRING) RETURNS BOOLEAN RETURN (is_account_group_member('analysts') OR is_account_group_member('customer-care') OR is_account_group_member('data-engineers') OR is_account_group_member('platform-admins') OR current_user() = '11111111-2222-3333-4444-555555555555') OR (is_account_group_member('sales-benelux') AND country IN ('nl', 'be'))"),
    ("bronze.customers", "ALTER TABLE bronze.customers ALTER COLUMN email SET TAGS ('pii' = 'true', 'pii_class' = 'email')"),
    ("bronze.customers", "ALTER TABLE bronze.customers ALTER COLUMN full_name SET TAGS ('pii' = 'true', 'pii_class' = 'name')"),
    ("silver.customers", "ALTER TABLE silver.customers ALTER COLUMN email SET TAGS ('pii' = 'true', 'pii_class' = 'email')"),
    ("silver.customers", "ALTER TABLE silver.customers ALTER COLUMN email SET MASK silver.pii_email_domain_string"),
    ("silver.customers", "ALTER TABLE silver.customers ALTER COLUMN full_name SET TAGS ('pii' = 'true', 'pii_class' = 'name')"),
    ("silver.customers", "ALTER TABLE silver.customers ALTER COLUMN full_name SET MASK silver.pii_redact_string"),
    ("silver.customers_quarantine", "ALTER TABLE silver.customers_quarantine ALTER COLUMN email SET TAGS ('pii' = 'true', 'pii_class' = 'email')"),
    ("silver.customers_quarantine", "ALTER TABLE silver.customers_quarantine ALTER COLUMN email SET MASK silver.pii_email_domain_string"),
    ("silver.customers_quarantine", "ALTER TABLE silver.customers_quarantine ALTER COLUMN full_name SET TAGS ('pii' = 'true', 'pii_class' = 'name')"),
    ("silver.customers_quarantine", "ALTER TABLE silver.customers_quarantine ALTER COLUMN full_name SET MASK silver.pii_redact_string"),
    ("silver.customers", "ALTER TABLE silver.customers SET ROW FILTER silver.row_filter_customers ON (country)"),
    ("silver.customers_quarantine", "ALTER TABLE silver.customers_quarantine SET ROW FILTER silver.row_filter_customers_quarantine ON (country)"),
    ("gold.customer_value", "ALTER TABLE gold.customer_value SET ROW FILTER gold.row_filter_customer_value ON (country)"),
]

# COMMAND ----------

def apply_governance(spark, catalog, statements, execute):
    """Runs the statements in the catalog, in order. A governed table that does not exist is an error:
    the tasks that create it run before this one, so its absence means the job is broken."""
    spark.catalog.setCurrentCatalog(catalog)
    missing = sorted({table for table, _ in statements if table and not spark.catalog.tableExists(table)})
    if missing:
        raise RuntimeError(f"governance: missing tables {missing} in {catalog}")
    for _, statement in statements:
        if execute:
            spark.sql(statement)
        print(("applied: " if execute else "planned: ") + statement)


apply_governance(spark, CATALOG, STATEMENTS, ON_DATABRICKS)
