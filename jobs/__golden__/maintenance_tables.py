# Databricks notebook source
# MAGIC %md
# MAGIC # Maintenance
# MAGIC
# MAGIC OPTIMIZE every table of the pipeline once enough new files piled up to pay for the rewrite, and VACUUM it;
# MAGIC VACUUM keeps each layer's retention, so time travel reaches back that far and no further.

# COMMAND ----------

import sys

dbutils.widgets.text("runtime_path", "")
RUNTIME_PATH = dbutils.widgets.get("runtime_path")
if not RUNTIME_PATH:
    raise ValueError("missing job parameter(s): runtime_path; the pipeline job passes it, a manual run must too")
sys.path.insert(0, RUNTIME_PATH)

# COMMAND ----------

CONFIG = {
    "tables": [
        {"layer": "bronze", "table": "bronze.customers"},
        {"layer": "bronze", "table": "bronze.orders"},
        {"layer": "bronze", "table": "bronze.payments"},
        {"layer": "bronze", "table": "bronze.products"},
        {"layer": "silver", "table": "silver.customers"},
        {"layer": "silver", "table": "silver.customers_quarantine"},
        {"layer": "silver", "table": "silver.orders"},
        {"layer": "silver", "table": "silver.orders_quarantine"},
        {"layer": "silver", "table": "silver.payments"},
        {"layer": "silver", "table": "silver.payments_quarantine"},
        {"layer": "silver", "table": "silver.products"},
        {"layer": "silver", "table": "silver.products_quarantine"},
        {"layer": "silver", "table": "silver.quality_results"},
        {"layer": "gold", "table": "gold.customer_value"},
        {"layer": "gold", "table": "gold.daily_sales"},
        {"layer": "gold", "table": "gold.payment_mix"},
    ],
}

# COMMAND ----------

from lakehouse_runtime import maintenance

maintenance.run(spark, dbutils, CONFIG)
