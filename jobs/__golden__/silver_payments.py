# Databricks notebook source
# MAGIC %md
# MAGIC # Silver: payments
# MAGIC Payment provider settlements.
# MAGIC
# MAGIC Reads the bronze change feed incrementally (its own checkpoint), casts to the spec's types and standardises,
# MAGIC evaluates the quality rules, quarantines failing rows with the names of the rules they failed, records one
# MAGIC quality result per rule, and MERGEs the latest passing version of each key into silver.

# COMMAND ----------

from delta.tables import DeltaTable
from pyspark.errors import AnalysisException
from pyspark.sql import Window
from pyspark.sql import functions as F

# COMMAND ----------

dbutils.widgets.text("catalog", "rtl_dev")
dbutils.widgets.text("checkpoint_path", "s3://rtl-dev-silver-111111111111/_checkpoints/payments")
dbutils.widgets.text("run_id", "manual")
CATALOG = dbutils.widgets.get("catalog")
CHECKPOINT_PATH = dbutils.widgets.get("checkpoint_path")
RUN_ID = dbutils.widgets.get("run_id")

# COMMAND ----------

DATASET = "payments"
BRONZE_TABLE = f"{CATALOG}.bronze.payments"
SILVER_TABLE = f"{CATALOG}.silver.payments"
QUARANTINE_TABLE = f"{CATALOG}.silver.payments_quarantine"
QUALITY_TABLE = f"{CATALOG}.silver.quality_results"
BRONZE_COLUMNS = ["payment_id", "order_id", "method", "amount", "paid_at", "updated_at", "_rescued_data", "_source_file", "_ingested_at", "_run_id"]
LANDING_NAMES = ["payment_id", "order_id", "method", "amount", "paid_at", "updated_at"]
CORRUPT_COLUMN = "_corrupt_record"
# Rescued keys that are not new columns: type mismatches, parse errors, Auto Loader's file path.
RESCUE_KEYS = [*LANDING_NAMES, CORRUPT_COLUMN, "_file_path"]
PRIMARY_KEY = ["payment_id"]
ORDERING_COLUMN = "updated_at"
MAX_FAILED_FRACTION = 0.2

# COMMAND ----------

spark.sql(f"""
CREATE TABLE IF NOT EXISTS {SILVER_TABLE} (
    payment_id STRING NOT NULL,
    order_id STRING,
    method STRING,
    amount DECIMAL(12,2),
    paid_at TIMESTAMP,
    updated_at TIMESTAMP NOT NULL,
    _source_file STRING,
    _ingested_at TIMESTAMP,
    _run_id STRING
)
USING DELTA
CLUSTER BY (payment_id)
TBLPROPERTIES (
    'delta.autoOptimize.optimizeWrite' = 'true',
    'delta.autoOptimize.autoCompact' = 'true',
    'delta.enableDeletionVectors' = 'true'
)
""")
spark.sql(f"""
CREATE TABLE IF NOT EXISTS {QUARANTINE_TABLE} (
    payment_id STRING,
    order_id STRING,
    method STRING,
    amount DECIMAL(12,2),
    paid_at TIMESTAMP,
    updated_at TIMESTAMP,
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
        F.col("payment_id"),
        F.col("order_id"),
        F.col("method"),
        F.col("amount"),
        F.col("paid_at"),
        F.col("updated_at"),
        F.from_json("_rescued_data", "map<string,string>").alias("_rescued"),
        F.col("_source_file"),
        F.col("_ingested_at"),
        F.col("_commit_version"),
        F.struct(*BRONZE_COLUMNS).alias("_bronze"),
    )
    return typed

# COMMAND ----------

# MAGIC %md
# MAGIC ## Quality rules

# COMMAND ----------

RULES = [
    ("expect_column_values_to_be_of_type:amount", F.col("_rescued")["amount"].isNotNull()),
    ("expect_column_values_to_be_of_type:paid_at", F.col("_rescued")["paid_at"].isNotNull()),
    ("expect_column_values_to_be_of_type:updated_at", F.col("_rescued")["updated_at"].isNotNull()),
    ("expect_table_columns_to_match_set", F.exists(F.map_keys("_rescued"), lambda key: ~key.isin(*RESCUE_KEYS))),
    ("expect_column_values_to_not_be_null:payment_id", F.col("payment_id").isNull()),
    ("expect_column_values_to_not_be_null:updated_at", F.col("updated_at").isNull()),
    ("expect_column_values_to_not_be_null:order_id", F.col("order_id").isNull()),
    ("expect_column_values_to_be_in_set:method", ~F.col("method").isin("card", "ideal", "paypal", "giftcard")),
    ("expect_column_values_to_be_between:amount", (F.col("amount") < 0)),
]


def evaluate(rows):
    """_failed_rules: the names of the rules a row fails; empty when it passes them all."""
    failed = [F.when(fails, F.lit(name)) for name, fails in RULES]
    return rows.withColumn("_failed_rules", F.array_compact(F.array(*failed)))

# COMMAND ----------

# MAGIC %md
# MAGIC ## Schema evolution: fail

# COMMAND ----------

def new_columns(counts):
    """Rescued keys the spec does not know: columns landing files brought in addition."""
    return sorted(set(counts["rescued_keys"]) - set(RESCUE_KEYS))

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
        .merge(source.alias("s"), "t.payment_id = s.payment_id")
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
        rows = checked
        quarantine = rows.where(F.size("_failed_rules") > 0).select(
            "_bronze.*", "_failed_rules", F.lit(RUN_ID).alias("_quarantine_run_id"), F.current_timestamp().alias("_quarantined_at")
        )
        if counts["failed"]:
            append_once(quarantine, QUARANTINE_TABLE, batch_id)
        record_quality(counts, batch_id)
        unexpected = new_columns(counts)
        if unexpected:
            raise ValueError(f"{DATASET}: landing files bring columns the spec lacks (schemaEvolution fail): {unexpected}")
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
