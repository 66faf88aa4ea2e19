# Databricks notebook source
# MAGIC %md
# MAGIC # Maintenance
# MAGIC
# MAGIC Keep every table of the pipeline to its layer's retention (Delta's file and log retention properties),
# MAGIC OPTIMIZE it once enough new files piled up to pay for the rewrite, and VACUUM it with that retention,
# MAGIC so time travel reaches back that far and no further. A table that fails does not stop the others;
# MAGIC the task fails at the end, naming each.

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
