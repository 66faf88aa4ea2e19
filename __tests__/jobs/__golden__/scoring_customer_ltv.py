# Databricks notebook source
# MAGIC %md
# MAGIC # Scoring: customer_ltv
# MAGIC
# MAGIC Scores every row of gold.customer_value's current version with the version of ml.customer_ltv under @champion
# MAGIC (mlflow.pyfunc.spark_udf) and replaces the rows of gold.customer_ltv_predictions: one prediction per row of gold.customer_value.

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
    "alias": "champion",
    "source_table": "gold.customer_value",
    "predictions_table": "gold.customer_ltv_predictions",
    "keys": ["customer_id", "country", "segment"],
    "features": ["order_count"],
    "governance": {
        "masks": {},
        "row_filter": {"function": "gold.row_filter_customer_value", "columns": ["country"]},
    },
}

# COMMAND ----------

from lakehouse_runtime import scoring

scoring.run(spark, dbutils, CONFIG)
