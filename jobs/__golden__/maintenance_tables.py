# Databricks notebook source
# MAGIC %md
# MAGIC # Maintenance
# MAGIC
# MAGIC OPTIMIZE every table of the pipeline once enough new files piled up to pay for the rewrite, and VACUUM it;
# MAGIC VACUUM keeps each layer's retention, so time travel reaches back that far and no further.

# COMMAND ----------

from datetime import datetime, timedelta

# COMMAND ----------

dbutils.widgets.text("catalog", "rtl_dev")
dbutils.widgets.text("retention_days_bronze", "30")
dbutils.widgets.text("retention_days_silver", "30")
dbutils.widgets.text("retention_days_gold", "60")
dbutils.widgets.text("optimize_min_files", "50")
CATALOG = dbutils.widgets.get("catalog")
RETENTION_DAYS_BRONZE = dbutils.widgets.get("retention_days_bronze")
RETENTION_DAYS_SILVER = dbutils.widgets.get("retention_days_silver")
RETENTION_DAYS_GOLD = dbutils.widgets.get("retention_days_gold")
OPTIMIZE_MIN_FILES = dbutils.widgets.get("optimize_min_files")

# COMMAND ----------

MAINTENANCE_OPERATIONS = ["OPTIMIZE", "VACUUM START", "VACUUM END"]
RETENTION_HOURS = {
    "bronze": int(RETENTION_DAYS_BRONZE) * 24,
    "silver": int(RETENTION_DAYS_SILVER) * 24,
    "gold": int(RETENTION_DAYS_GOLD) * 24,
}
TABLES = [
    ("bronze", f"{CATALOG}.bronze.customers"),
    ("bronze", f"{CATALOG}.bronze.orders"),
    ("bronze", f"{CATALOG}.bronze.payments"),
    ("bronze", f"{CATALOG}.bronze.products"),
    ("silver", f"{CATALOG}.silver.customers"),
    ("silver", f"{CATALOG}.silver.customers_quarantine"),
    ("silver", f"{CATALOG}.silver.orders"),
    ("silver", f"{CATALOG}.silver.orders_quarantine"),
    ("silver", f"{CATALOG}.silver.payments"),
    ("silver", f"{CATALOG}.silver.payments_quarantine"),
    ("silver", f"{CATALOG}.silver.products"),
    ("silver", f"{CATALOG}.silver.products_quarantine"),
    ("silver", f"{CATALOG}.silver.quality_results"),
    ("gold", f"{CATALOG}.gold.customer_value"),
    ("gold", f"{CATALOG}.gold.daily_sales"),
    ("gold", f"{CATALOG}.gold.payment_mix"),
]

# COMMAND ----------

# operationMetrics of the commits that write data (WRITE, STREAMING UPDATE, MERGE, UPDATE, DELETE).
FILES_ADDED = ("numFiles", "numAddedFiles", "numTargetFilesAdded")
ROWS_WRITTEN = ("numOutputRows", "numUpdatedRows", "numCopiedRows")


def metric(commit, names):
    return sum(int((commit.operationMetrics or {}).get(name, 0)) for name in names)


def due(table, retention):
    """(OPTIMIZE, VACUUM) worth running: OPTIMIZE when the commits since the last OPTIMIZE wrote rows in at
    least OPTIMIZE_MIN_FILES files; VACUUM when a commit (which may have removed files) aged past the retention
    since the last VACUUM, or when no VACUUM is on record. A rerun right after maintenance so skips the table
    instead of relisting it."""
    history = spark.sql(f"DESCRIBE HISTORY {table}").select("version", "timestamp", "operation", "operationMetrics").collect()
    optimized = max((c.version for c in history if c.operation == "OPTIMIZE"), default=-1)
    vacuumed = max((c.timestamp for c in history if c.operation == "VACUUM END"), default=None)
    horizon = datetime.now() - retention
    since = [c for c in history if c.version > optimized and c.operation not in MAINTENANCE_OPERATIONS]
    optimize = sum(metric(c, ROWS_WRITTEN) for c in since) > 0 and sum(metric(c, FILES_ADDED) for c in since) >= int(OPTIMIZE_MIN_FILES)
    vacuum = vacuumed is None or any(
        not c.operation.startswith("VACUUM") and vacuumed - retention < c.timestamp <= horizon for c in history
    )
    return optimize, vacuum


for layer, table in TABLES:
    retention = timedelta(hours=RETENTION_HOURS[layer])
    optimize, vacuum = due(table, retention)
    if optimize:
        spark.sql(f"OPTIMIZE {table}")
    if vacuum:
        spark.sql(f"VACUUM {table} RETAIN {RETENTION_HOURS[layer]} HOURS")
    print(f"{table}: optimize={optimize} vacuum={vacuum}")
