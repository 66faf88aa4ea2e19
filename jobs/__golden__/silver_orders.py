# Databricks notebook source
# MAGIC %md
# MAGIC # Silver: orders
# MAGIC Order lines from the web shop.
# MAGIC
# MAGIC Reads the bronze change feed incrementally (its own checkpoint), casts to the spec's types and standardises,
# MAGIC evaluates the quality rules, quarantines failing rows with the names of the rules they failed, records one
# MAGIC quality result per rule, and MERGEs the latest passing version of each key into silver.

# COMMAND ----------

import re

from delta.tables import DeltaTable
from pyspark.errors import AnalysisException
from pyspark.sql import Window
from pyspark.sql import functions as F

# COMMAND ----------

dbutils.widgets.text("catalog", "rtl_dev")
dbutils.widgets.text("checkpoint_path", "s3://rtl-dev-silver-111111111111/_checkpoints/orders")
dbutils.widgets.text("run_id", "manual")
CATALOG = dbutils.widgets.get("catalog")
CHECKPOINT_PATH = dbutils.widgets.get("checkpoint_path")
RUN_ID = dbutils.widgets.get("run_id")

# COMMAND ----------

DATASET = "orders"
BRONZE_TABLE = f"{CATALOG}.bronze.orders"
SILVER_TABLE = f"{CATALOG}.silver.orders"
QUARANTINE_TABLE = f"{CATALOG}.silver.orders_quarantine"
QUALITY_TABLE = f"{CATALOG}.silver.quality_results"
BRONZE_COLUMNS = ["order_id", "customer_id", "product_id", "quantity", "unit_price", "status", "order_ts", "updated_at", "_rescued_data", "_source_file", "_ingested_at", "_run_id"]
LANDING_NAMES = ["order_id", "customer_id", "product_id", "quantity", "unit_price", "status", "order_ts", "updated_at"]
CORRUPT_COLUMN = "_corrupt_record"
# Rescued keys that are not new columns: type mismatches, parse errors, Auto Loader's file path.
RESCUE_KEYS = [*LANDING_NAMES, CORRUPT_COLUMN, "_file_path"]
PRIMARY_KEY = ["order_id"]
ORDERING_COLUMN = "updated_at"
MAX_FAILED_FRACTION = 0.2

# COMMAND ----------

spark.sql(f"""
CREATE TABLE IF NOT EXISTS {SILVER_TABLE} (
    order_id STRING NOT NULL,
    customer_id STRING,
    product_id STRING,
    quantity INT,
    unit_price DECIMAL(10,2),
    status STRING,
    order_ts TIMESTAMP,
    updated_at TIMESTAMP NOT NULL,
    order_date DATE,
    line_total DECIMAL(12,2),
    _source_file STRING,
    _ingested_at TIMESTAMP,
    _run_id STRING
)
USING DELTA
CLUSTER BY (order_id)
TBLPROPERTIES (
    'delta.autoOptimize.optimizeWrite' = 'true',
    'delta.autoOptimize.autoCompact' = 'true',
    'delta.enableDeletionVectors' = 'true'
)
""")
spark.sql(f"""
CREATE TABLE IF NOT EXISTS {QUARANTINE_TABLE} (
    order_id STRING,
    customer_id STRING,
    product_id STRING,
    quantity STRING,
    unit_price STRING,
    status STRING,
    order_ts STRING,
    updated_at STRING,
    _rescued_data STRING,
    _source_file STRING,
    _ingested_at TIMESTAMP,
    _run_id STRING,
    _failed_rules ARRAY<STRING>,
    _quarantine_run_id STRING,
    _quarantined_at TIMESTAMP
)
USING DELTA
TBLPROPERTIES (
    'delta.autoOptimize.optimizeWrite' = 'true',
    'delta.autoOptimize.autoCompact' = 'true'
)
""")
try:
    spark.sql(f"""
    CREATE TABLE IF NOT EXISTS {QUALITY_TABLE} (
        dataset STRING,
        run_id STRING,
        rule STRING,
        failed BIGINT,
        total BIGINT,
        evaluated_at TIMESTAMP
    )
    USING DELTA
    TBLPROPERTIES (
        'delta.autoOptimize.optimizeWrite' = 'true',
        'delta.autoOptimize.autoCompact' = 'true'
    )
    """)
except AnalysisException as error:
    # Every silver task creates the shared table; one running in parallel may win the race.
    if "ALREADY_EXISTS" not in str(error):
        raise

# COMMAND ----------

# MAGIC %md
# MAGIC ## Types and standardisation

# COMMAND ----------

def standardise(changes):
    """Bronze rows typed and standardised as the spec says; the raw row rides along for quarantine."""
    typed = changes.select(
        F.col("order_id"),
        F.col("customer_id"),
        F.col("product_id"),
        F.expr("try_cast(quantity AS INT)").alias("quantity"),
        F.expr("try_cast(unit_price AS DECIMAL(10,2))").alias("unit_price"),
        F.col("status"),
        F.expr("try_cast(order_ts AS TIMESTAMP)").alias("order_ts"),
        F.expr("try_cast(updated_at AS TIMESTAMP)").alias("updated_at"),
        F.from_json("_rescued_data", "map<string,string>").alias("_rescued"),
        F.col("_source_file"),
        F.col("_ingested_at"),
        F.col("_commit_version"),
        F.struct(*BRONZE_COLUMNS).alias("_bronze"),
    )
    return (
        typed
        .withColumns({"status": F.lower("status")})
        .withColumns({"order_date": F.expr("try_cast((to_date(order_ts)) AS DATE)")})
        .withColumns({"line_total": F.expr("try_cast((quantity * unit_price) AS DECIMAL(12,2))")})
    )

# COMMAND ----------

# MAGIC %md
# MAGIC ## Quality rules

# COMMAND ----------

RULES = [
    ("expect_column_values_to_be_of_type:quantity", F.col("_bronze.quantity").isNotNull() & F.col("quantity").isNull()),
    ("expect_column_values_to_be_of_type:unit_price", F.col("_bronze.unit_price").isNotNull() & F.col("unit_price").isNull()),
    ("expect_column_values_to_be_of_type:order_ts", F.col("_bronze.order_ts").isNotNull() & F.col("order_ts").isNull()),
    ("expect_column_values_to_be_of_type:updated_at", F.col("_bronze.updated_at").isNotNull() & F.col("updated_at").isNull()),
    ("expect_row_to_be_well_formed", F.col("_rescued")[CORRUPT_COLUMN].isNotNull()),
    ("expect_column_values_to_not_be_null:order_id", F.col("order_id").isNull()),
    ("expect_column_values_to_not_be_null:updated_at", F.col("updated_at").isNull()),
    ("expect_column_values_to_not_be_null:customer_id", F.col("customer_id").isNull()),
    ("expect_column_values_to_be_between:quantity", (F.col("quantity") < 1) | (F.col("quantity") > 1000)),
    ("expect_column_values_to_be_in_set:status", ~F.col("status").isin("placed", "shipped", "completed", "cancelled")),
    ("price_not_negative", ~F.coalesce(F.expr("unit_price >= 0"), F.lit(False))),
]


def evaluate(rows):
    """_failed_rules: the names of the rules a row fails; empty when it passes them all."""
    failed = [F.when(fails, F.lit(name)) for name, fails in RULES]
    return rows.withColumn("_failed_rules", F.array_compact(F.array(*failed)))

# COMMAND ----------

# MAGIC %md
# MAGIC ## Schema evolution: addNewColumns

# COMMAND ----------

def new_columns(counts):
    """Rescued keys the spec does not know: columns landing files brought in addition."""
    return sorted(set(counts["rescued_keys"]) - set(RESCUE_KEYS))


def evolve(rows, names):
    """schemaEvolution "addNewColumns": new columns join silver as strings, the text the files hold."""
    columns = {name: re.sub(r"[^a-z0-9_]", "_", name.lower()) for name in names}
    existing = set(spark.table(SILVER_TABLE).columns)
    added = ", ".join(f"`{column}` STRING" for column in sorted(set(columns.values()) - existing))
    if added:
        spark.sql(f"ALTER TABLE {SILVER_TABLE} ADD COLUMNS ({added})")
    return rows.withColumns({column: F.col("_rescued")[name] for name, column in columns.items()})

# COMMAND ----------

# MAGIC %md
# MAGIC ## Quarantine, quality results, MERGE

# COMMAND ----------

def append_once(frame, table, batch_id):
    """Appends a batch's rows once: Delta skips a txnVersion it has seen for this query."""
    query_id = spark.sparkContext.getLocalProperty("sql.streaming.queryId")
    (
        frame.write.format("delta")
        .mode("append")
        .option("txnAppId", f"{SILVER_TABLE}-{query_id}")
        .option("txnVersion", batch_id)
        .saveAsTable(table)
    )


def record_quality(counts, batch_id):
    """One row per rule: how many of the batch's rows failed it."""
    rows = [(DATASET, RUN_ID, name, counts[f"rule_{i}"], counts["total"]) for i, (name, _) in enumerate(RULES)]
    results = spark.createDataFrame(rows, "dataset STRING, run_id STRING, rule STRING, failed BIGINT, total BIGINT")
    append_once(results.withColumn("evaluated_at", F.current_timestamp()), QUALITY_TABLE, batch_id)


def upsert(rows):
    """The latest version of each key, merged in only where it is newer than what silver holds."""
    latest_first = Window.partitionBy(*PRIMARY_KEY).orderBy(
        F.col(ORDERING_COLUMN).desc(), F.col("_commit_version").desc(), F.col("_source_file").desc()
    )
    latest = rows.withColumn("_rank", F.row_number().over(latest_first)).where("_rank = 1")
    latest = latest.withColumn("_run_id", F.lit(RUN_ID))
    target = DeltaTable.forName(spark, SILVER_TABLE)
    # Columns an earlier batch added are null for rows that do not bring them.
    source = latest.select(
        *[F.col(f"`{name}`") if name in latest.columns else F.lit(None).cast(kind).alias(name) for name, kind in target.toDF().dtypes]
    )
    (
        target.alias("t")
        .merge(source.alias("s"), "t.order_id = s.order_id")
        .whenMatchedUpdateAll(condition="s.updated_at > t.updated_at")
        .whenNotMatchedInsertAll()
        .execute()
    )

# COMMAND ----------

class QualityGateError(Exception):
    """The batch failed more rules than the dataset allows: the task fails, the job alerts."""


def process(changes, batch_id):
    checked = evaluate(standardise(changes.where("_change_type = 'insert'"))).persist()
    try:
        # One pass over the batch for every figure the task needs.
        counts = checked.agg(
            F.count(F.lit(1)).alias("total"),
            F.count_if(F.size("_failed_rules") > 0).alias("failed"),
            *[F.count_if(F.array_contains("_failed_rules", name)).alias(f"rule_{i}") for i, (name, _) in enumerate(RULES)],
            F.array_distinct(F.flatten(F.collect_set(F.map_keys("_rescued")))).alias("rescued_keys"),
        ).first()
        if counts["total"] == 0:
            # Commits without new rows (bronze's OPTIMIZE) still make a batch: nothing to record.
            return
        rows = evolve(checked, new_columns(counts))
        quarantine = rows.where(F.size("_failed_rules") > 0).select(
            "_bronze.*", "_failed_rules", F.lit(RUN_ID).alias("_quarantine_run_id"), F.current_timestamp().alias("_quarantined_at")
        )
        if counts["failed"]:
            append_once(quarantine, QUARANTINE_TABLE, batch_id)
        record_quality(counts, batch_id)
        if counts["failed"] / counts["total"] > MAX_FAILED_FRACTION:
            raise QualityGateError(
                f"{DATASET}: {counts['failed']} of {counts['total']} rows failed a rule (more than {MAX_FAILED_FRACTION:.0%}); see {QUARANTINE_TABLE}"
            )
        upsert(rows.where(F.size("_failed_rules") == 0))
    finally:
        checked.unpersist()

# COMMAND ----------

# MAGIC %md
# MAGIC ## Run

# COMMAND ----------

query = (
    spark.readStream.option("readChangeFeed", "true")
    .table(BRONZE_TABLE)
    .writeStream.foreachBatch(process)
    .option("checkpointLocation", CHECKPOINT_PATH)
    .trigger(availableNow=True)
    .start()
)
query.awaitTermination()
