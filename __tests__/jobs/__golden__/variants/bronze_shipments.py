# Databricks notebook source
# MAGIC %md
# MAGIC # Bronze: shipments
# MAGIC Carrier scans, exported without a header line.
# MAGIC
# MAGIC New csv without a header line files of the landing folder, each ingested once, appended with their source file, ingestion
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
    "dataset": "shipments",
    "table": "bronze.shipments",
    "format": "csv",
    "header": False,
    "columns": [
        {"name": "shipment_id", "type": "STRING"},
        {"name": "scan_no", "type": "STRING"},
        {"name": "tracking_code", "type": "STRING"},
        {"name": "weight_kg", "type": "STRING"},
        {"name": "scanned_at", "type": "STRING"},
    ],
}

# COMMAND ----------

from lakehouse_runtime import bronze

bronze.run(spark, dbutils, CONFIG)
