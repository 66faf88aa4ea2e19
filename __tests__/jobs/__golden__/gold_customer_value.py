# Databricks notebook source
# MAGIC %md
# MAGIC # Gold: customer_value
# MAGIC Lifetime value per customer from completed orders.
# MAGIC
# MAGIC Rebuilt from silver (orders, customers) when its inputs changed since the last build; unchanged inputs write nothing.

# COMMAND ----------

import sys

dbutils.widgets.text("runtime_path", "")
RUNTIME_PATH = dbutils.widgets.get("runtime_path")
if not RUNTIME_PATH:
    raise ValueError("missing job parameter(s): runtime_path; the pipeline job passes it, a manual run must too")
sys.path.insert(0, RUNTIME_PATH)

# COMMAND ----------

CONFIG = {
    "table": "gold.customer_value",
    "inputs": {"orders": "silver.orders", "customers": "silver.customers"},
    "query": [
        "SELECT",
        "    `customers`.`customer_id` AS `customer_id`,",
        "    `customers`.`country` AS `country`,",
        "    `customers`.`segment` AS `segment`,",
        "    sum(`orders`.`line_total`) AS `total_spent`,",
        "    count(DISTINCT `orders`.`order_id`) AS `order_count`,",
        "    min(`orders`.`order_ts`) AS `first_order_ts`,",
        "    max(`orders`.`order_ts`) AS `last_order_ts`",
        "FROM IDENTIFIER(:orders) AS `orders`",
        "INNER JOIN IDENTIFIER(:customers) AS `customers`",
        "    ON `orders`.`customer_id` = `customers`.`customer_id`",
        "WHERE orders.status = 'completed'",
        "GROUP BY",
        "    `customers`.`customer_id`,",
        "    `customers`.`country`,",
        "    `customers`.`segment`",
    ],
    "cluster_by": ["customer_id", "country", "segment"],
    "governance": {
        "masks": {},
        "row_filter": {"function": "gold.row_filter_customer_value", "columns": ["country"]},
    },
}

# COMMAND ----------

from lakehouse_runtime import gold

gold.run(spark, dbutils, CONFIG)
