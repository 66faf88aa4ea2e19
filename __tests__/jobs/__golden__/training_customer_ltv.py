# Databricks notebook source
# MAGIC %md
# MAGIC # Training: customer_ltv
# MAGIC Lifetime spend of a customer from their number of orders.
# MAGIC
# MAGIC Fits a ridge regression of total_spent on order_count from gold.customer_value, logs the run to the
# MAGIC environment's MLflow experiment and registers a new version of ml.customer_ltv; the version takes
# MAGIC @champion only when its hold-out rmse beats the current @champion's on the same rows.

# COMMAND ----------

import sys

dbutils.widgets.text("runtime_path", "")
RUNTIME_PATH = dbutils.widgets.get("runtime_path")
if not RUNTIME_PATH:
    raise ValueError("missing job parameter(s): runtime_path; the pipeline job passes it, a manual run must too")
sys.path.insert(0, RUNTIME_PATH)

# COMMAND ----------

CONFIG = {
    "model": "customer_ltv",
    "table": "gold.customer_value",
    "features": ["order_count"],
    "label": "total_spent",
    "alias": "champion",
    "alpha": 1,
    "test_fraction": 0.25,
    "metric": "rmse",
}

# COMMAND ----------

from lakehouse_runtime import training

training.run(spark, dbutils, CONFIG)
