# Databricks notebook source
# MAGIC %md
# MAGIC # Gold: payment_mix
# MAGIC Settled amount and payment count per payment method.
# MAGIC
# MAGIC Rebuilt from silver when its inputs changed; clustered by method.

# COMMAND ----------

import json

from pyspark.sql import functions as F

# COMMAND ----------

dbutils.widgets.text("catalog", "rtl_dev")
CATALOG = dbutils.widgets.get("catalog")

# COMMAND ----------

TARGET = f"{CATALOG}.gold.payment_mix"
INPUTS = {
    "payments": f"{CATALOG}.silver.payments",
}
MAINTENANCE_OPERATIONS = ["OPTIMIZE", "VACUUM START", "VACUUM END"]
QUERY = """
SELECT
    payments.method AS method,
    sum(payments.amount) AS total_amount,
    count(*) AS payment_count
FROM IDENTIFIER(:payments) AS payments
GROUP BY
    payments.method
"""

# COMMAND ----------

# MAGIC %md
# MAGIC ## Inputs changed since the last build?

# COMMAND ----------

def data_version(table):
    """The table's last version that changed rows."""
    history = spark.sql(f"DESCRIBE HISTORY {table}")
    return history.where(~F.col("operation").isin(*MAINTENANCE_OPERATIONS)).agg(F.max("version")).first()[0]


versions = json.dumps({name: data_version(table) for name, table in INPUTS.items()}, sort_keys=True)
up_to_date = (
    spark.catalog.tableExists(TARGET)
    and spark.sql(f"SHOW TBLPROPERTIES {TARGET} ('lakehouse.input_versions')").first()["value"] == versions
)

# COMMAND ----------

# MAGIC %md
# MAGIC ## Replace

# COMMAND ----------

if up_to_date:
    print(f"{TARGET} is up to date with {versions}")
else:
    spark.sql(
        f"""
        CREATE OR REPLACE TABLE IDENTIFIER(:target)
        USING DELTA
        CLUSTER BY (method)
        TBLPROPERTIES (
            'delta.autoOptimize.optimizeWrite' = 'true',
            'delta.autoOptimize.autoCompact' = 'true',
            'lakehouse.input_versions' = '{versions}'
        )
        AS {QUERY}""",
        args={"target": TARGET, **INPUTS},
    )
