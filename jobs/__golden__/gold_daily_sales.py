# Databricks notebook source
# MAGIC %md
# MAGIC # Gold: daily_sales
# MAGIC Revenue, orders and units per day and product category.
# MAGIC
# MAGIC Rebuilt from silver when its inputs changed; clustered by order_date.

# COMMAND ----------

import json

from pyspark.sql import functions as F

# COMMAND ----------

dbutils.widgets.text("catalog", "rtl_dev")
CATALOG = dbutils.widgets.get("catalog")

# COMMAND ----------

TARGET = f"{CATALOG}.gold.daily_sales"
INPUTS = {
    "orders": f"{CATALOG}.silver.orders",
    "products": f"{CATALOG}.silver.products",
}
MAINTENANCE_OPERATIONS = ["OPTIMIZE", "VACUUM START", "VACUUM END"]
QUERY = """
SELECT
    orders.order_date AS order_date,
    products.category AS category,
    sum(orders.line_total) AS revenue,
    count(DISTINCT orders.order_id) AS order_count,
    sum(orders.quantity) AS units
FROM IDENTIFIER(:orders) AS orders
LEFT JOIN IDENTIFIER(:products) AS products
    ON orders.product_id = products.product_id
WHERE orders.status <> 'cancelled'
GROUP BY
    orders.order_date,
    products.category
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
        CLUSTER BY (order_date)
        TBLPROPERTIES (
            'delta.autoOptimize.optimizeWrite' = 'true',
            'delta.autoOptimize.autoCompact' = 'true',
            'lakehouse.input_versions' = '{versions}'
        )
        AS {QUERY}""",
        args={"target": TARGET, **INPUTS},
    )
