# Databricks notebook source
# MAGIC %md
# MAGIC # Gold: customer_value
# MAGIC Lifetime value per customer from completed orders.
# MAGIC
# MAGIC Rebuilt from silver when its inputs changed; clustered by customer_id, country, segment.

# COMMAND ----------

import json

from pyspark.sql import functions as F

# COMMAND ----------

dbutils.widgets.text("catalog", "rtl_dev")
CATALOG = dbutils.widgets.get("catalog")

# COMMAND ----------

TARGET = f"{CATALOG}.gold.customer_value"
INPUTS = {
    "orders": f"{CATALOG}.silver.orders",
    "customers": f"{CATALOG}.silver.customers",
}
MAINTENANCE_OPERATIONS = ["OPTIMIZE", "VACUUM START", "VACUUM END"]
QUERY = """
SELECT
    customers.customer_id AS customer_id,
    customers.country AS country,
    customers.segment AS segment,
    sum(orders.line_total) AS total_spent,
    count(DISTINCT orders.order_id) AS order_count,
    min(orders.order_ts) AS first_order_ts,
    max(orders.order_ts) AS last_order_ts
FROM IDENTIFIER(:orders) AS orders
INNER JOIN IDENTIFIER(:customers) AS customers
    ON orders.customer_id = customers.customer_id
WHERE orders.status = 'completed'
GROUP BY
    customers.customer_id,
    customers.country,
    customers.segment
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
        CLUSTER BY (customer_id, country, segment)
        TBLPROPERTIES (
            'delta.autoOptimize.optimizeWrite' = 'true',
            'delta.autoOptimize.autoCompact' = 'true',
            'lakehouse.input_versions' = '{versions}'
        )
        AS {QUERY}""",
        args={"target": TARGET, **INPUTS},
    )
