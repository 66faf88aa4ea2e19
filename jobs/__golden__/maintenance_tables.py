# Databricks notebook source
# MAGIC %md
# MAGIC # Maintenance
# MAGIC
# MAGIC OPTIMIZE and VACUUM every table of the pipeline; VACUUM keeps each layer's retention, so time travel
# MAGIC reaches back that far and no further.

# COMMAND ----------

dbutils.widgets.text("catalog", "rtl_dev")
dbutils.widgets.text("retention_days_bronze", "30")
dbutils.widgets.text("retention_days_silver", "30")
dbutils.widgets.text("retention_days_gold", "60")
CATALOG = dbutils.widgets.get("catalog")
RETENTION_DAYS_BRONZE = dbutils.widgets.get("retention_days_bronze")
RETENTION_DAYS_SILVER = dbutils.widgets.get("retention_days_silver")
RETENTION_DAYS_GOLD = dbutils.widgets.get("retention_days_gold")

# COMMAND ----------

RETENTION_HOURS = {
    "bronze": int(RETENTION_DAYS_BRONZE) * 24,
    "silver": int(RETENTION_DAYS_SILVER) * 24,
    "gold": int(RETENTION_DAYS_GOLD) * 24,
}
TABLES = [
    ("bronze", f"{CATALOG}.bronze.customers"),
    ("bronze", f"{CATALOG}.bronze.orders"),
    ("bronze", f"{CATALOG}.bronze.payments"),
    ("bronze", f"{CATALOG}.bronze.products"),
    ("silver", f"{CATALOG}.silver.customers"),
    ("silver", f"{CATALOG}.silver.customers_quarantine"),
    ("silver", f"{CATALOG}.silver.orders"),
    ("silver", f"{CATALOG}.silver.orders_quarantine"),
    ("silver", f"{CATALOG}.silver.payments"),
    ("silver", f"{CATALOG}.silver.payments_quarantine"),
    ("silver", f"{CATALOG}.silver.products"),
    ("silver", f"{CATALOG}.silver.products_quarantine"),
    ("silver", f"{CATALOG}.silver.quality_results"),
    ("gold", f"{CATALOG}.gold.customer_value"),
    ("gold", f"{CATALOG}.gold.daily_sales"),
    ("gold", f"{CATALOG}.gold.payment_mix"),
]

# COMMAND ----------

for layer, table in TABLES:
    spark.sql(f"OPTIMIZE {table}")
    spark.sql(f"VACUUM {table} RETAIN {RETENTION_HOURS[layer]} HOURS")
