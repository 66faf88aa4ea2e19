# Databricks notebook source
# MAGIC %md
# MAGIC # Gold: daily_sales
# MAGIC Revenue, orders and units per day and product category.
# MAGIC
# MAGIC Rebuilt from silver (orders, products) when its inputs changed since the last build; unchanged inputs write nothing.

# COMMAND ----------

import sys

dbutils.widgets.text("runtime_path", "")
RUNTIME_PATH = dbutils.widgets.get("runtime_path")
if not RUNTIME_PATH:
    raise ValueError("missing job parameter(s): runtime_path; the pipeline job passes it, a manual run must too")
sys.path.insert(0, RUNTIME_PATH)

# COMMAND ----------

CONFIG = {
    "table": "gold.daily_sales",
    "inputs": {"orders": "silver.orders", "products": "silver.products"},
    "query": [
        "SELECT",
        "    `orders`.`order_date` AS `order_date`,",
        "    `products`.`category` AS `category`,",
        "    sum(`orders`.`line_total`) AS `revenue`,",
        "    count(DISTINCT `orders`.`order_id`) AS `order_count`,",
        "    sum(`orders`.`quantity`) AS `units`",
        "FROM IDENTIFIER(:orders) AS `orders`",
        "LEFT JOIN IDENTIFIER(:products) AS `products`",
        "    ON `orders`.`product_id` = `products`.`product_id`",
        "WHERE orders.status <> 'cancelled'",
        "GROUP BY",
        "    `orders`.`order_date`,",
        "    `products`.`category`",
    ],
    "cluster_by": ["order_date"],
    "governance": {"masks": {}, "row_filter": None},
}

# COMMAND ----------

from lakehouse_runtime import gold

gold.run(spark, dbutils, CONFIG)
