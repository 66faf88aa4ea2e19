# Databricks notebook source
# MAGIC %md
# MAGIC # Bronze: payments
# MAGIC Payment provider settlements.
# MAGIC
# MAGIC New parquet files of the landing folder, each ingested once, appended with their source file, ingestion
# MAGIC time and run id. Values that do not fit the spec, and malformed lines, go to `_rescued_data`.

# COMMAND ----------

import sys

dbutils.widgets.text("runtime_path", "")
RUNTIME_PATH = dbutils.widgets.get("runtime_path")
if not RUNTIME_PATH:
    raise ValueError("missing job parameter(s): runtime_path; the pipeline job passes it, a manual run must too")
sys.path.insert(0, RUNTIME_PATH)

# COMMAND ----------

CONFIG = {
    "dataset": "payments",
    "table": "bronze.payments",
    "format": "parquet",
    "header": True,
    "columns": [
        {"name": "payment_id", "type": "STRING"},
        {"name": "order_id", "type": "STRING"},
        {"name": "method", "type": "STRING"},
        {"name": "amount", "type": "DECIMAL(12,2)"},
        {"name": "paid_at", "type": "TIMESTAMP"},
        {"name": "updated_at", "type": "TIMESTAMP"},
    ],
}

# COMMAND ----------

from lakehouse_runtime import bronze

bronze.run(spark, dbutils, CONFIG)
