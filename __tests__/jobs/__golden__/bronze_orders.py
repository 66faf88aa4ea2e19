# Databricks notebook source
# MAGIC %md
# MAGIC # Bronze: orders
# MAGIC Order lines from the web shop.
# MAGIC
# MAGIC New csv with a header line files of the landing folder, each ingested once, appended with their source file, ingestion
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
    "dataset": "orders",
    "table": "bronze.orders",
    "format": "csv",
    "header": True,
    "columns": [
        {"name": "order_id", "type": "STRING"},
        {"name": "customer_id", "type": "STRING"},
        {"name": "product_id", "type": "STRING"},
        {"name": "quantity", "type": "STRING"},
        {"name": "unit_price", "type": "STRING"},
        {"name": "status", "type": "STRING"},
        {"name": "order_ts", "type": "STRING"},
        {"name": "updated_at", "type": "STRING"},
    ],
}

# COMMAND ----------

from lakehouse_runtime import bronze

bronze.run(spark, dbutils, CONFIG)
