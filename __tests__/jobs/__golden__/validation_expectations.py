# Databricks notebook source
# MAGIC %md
# MAGIC # Great Expectations
# MAGIC
# MAGIC Validates the rows this run wrote to each silver table with a Great Expectations Checkpoint per dataset
# MAGIC (its suite generated from the rules silver enforces, with the batch's schema, volume and freshness), which
# MAGIC stores the result and updates Data Docs in the data quality volume; appends the results to the expectation
# MAGIC results table, and fails when a `fail`-severity expectation fails, so gold does not run and the job alerts.

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
