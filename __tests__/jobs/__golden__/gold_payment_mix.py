# Databricks notebook source
# MAGIC %md
# MAGIC # Gold: payment_mix
# MAGIC Settled amount and payment count per payment method.
# MAGIC
# MAGIC Rebuilt from silver (payments) when its inputs changed since the last build; unchanged inputs write nothing.

# COMMAND ----------

import sys

dbutils.widgets.text("runtime_path", "")
RUNTIME_PATH = dbutils.widgets.get("runtime_path")
if not RUNTIME_PATH:
    raise ValueError("missing job parameter(s): runtime_path; the pipeline job passes it, a manual run must too")
sys.path.insert(0, RUNTIME_PATH)

# COMMAND ----------

CONFIG = {
    "table": "gold.payment_mix",
    "inputs": {"payments": "silver.payments"},
    "query": [
        "SELECT",
        "    `payments`.`method` AS `method`,",
        "    sum(`payments`.`amount`) AS `total_amount`,",
        "    count(*) AS `payment_count`",
        "FROM IDENTIFIER(:payments) AS `payments`",
        "GROUP BY",
        "    `payments`.`method`",
    ],
    "cluster_by": ["method"],
    "governance": {"masks": {}, "row_filter": None},
}

# COMMAND ----------

from lakehouse_runtime import gold

gold.run(spark, dbutils, CONFIG)
