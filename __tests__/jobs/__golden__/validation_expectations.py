# Databricks notebook source
# MAGIC %md
# MAGIC # Great Expectations
# MAGIC
# MAGIC Validates every silver table with Great Expectations against its dataset's suite (generated from the
# MAGIC same rules silver enforces), appends GX's results to the expectation results table, and fails when an
# MAGIC expectation fails, so the job alerts as it does for the quality gate.

# COMMAND ----------

import sys

dbutils.widgets.text("runtime_path", "")
RUNTIME_PATH = dbutils.widgets.get("runtime_path")
if not RUNTIME_PATH:
    raise ValueError("missing job parameter(s): runtime_path; the pipeline job passes it, a manual run must too")
sys.path.insert(0, RUNTIME_PATH)

# COMMAND ----------

CONFIG = {
    "results_table": "silver.expectation_results",
    "targets": [
        {"dataset": "customers", "table": "silver.customers", "suite_file": "customers.json"},
        {"dataset": "products", "table": "silver.products", "suite_file": "products.json"},
        {"dataset": "orders", "table": "silver.orders", "suite_file": "orders.json"},
        {"dataset": "payments", "table": "silver.payments", "suite_file": "payments.json"},
    ],
}

# COMMAND ----------

from lakehouse_runtime import expectations

expectations.run(spark, dbutils, CONFIG)
