# Databricks notebook source
# MAGIC %md
# MAGIC # Bronze: orders
# MAGIC Order lines from the web shop.
# MAGIC
# MAGIC New csv files of the landing folder, each ingested once (Trigger.AvailableNow, one checkpoint per table),
# MAGIC appended with their source file, ingestion time and run id. Values that do not fit the spec go to `_rescued_data`.

# COMMAND ----------

from functools import reduce

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

# COMMAND ----------

dbutils.widgets.text("catalog", "rtl_dev")
dbutils.widgets.text("landing_path", "s3://rtl-dev-landing-111111111111/orders")
dbutils.widgets.text("checkpoint_path", "s3://rtl-dev-bronze-111111111111/_checkpoints/orders")
dbutils.widgets.text("on_databricks", "true")
dbutils.widgets.text("run_id", "manual")
CATALOG = dbutils.widgets.get("catalog")
LANDING_PATH = dbutils.widgets.get("landing_path")
CHECKPOINT_PATH = dbutils.widgets.get("checkpoint_path")
ON_DATABRICKS = dbutils.widgets.get("on_databricks") == "true"
RUN_ID = dbutils.widgets.get("run_id")

# COMMAND ----------

BRONZE_TABLE = f"{CATALOG}.bronze.orders"
FILE_FORMAT = "csv"
FILE_GLOB = "*.csv"
READER_OPTIONS = {"header": "true"}
LANDING_COLUMNS = [
    ("order_id", "STRING"),
    ("customer_id", "STRING"),
    ("product_id", "STRING"),
    ("quantity", "STRING"),
    ("unit_price", "STRING"),
    ("status", "STRING"),
    ("order_ts", "STRING"),
    ("updated_at", "STRING"),
]
LANDING_NAMES = [name for name, _ in LANDING_COLUMNS]
LANDING_SCHEMA = ", ".join(f"{name} {sql_type}" for name, sql_type in LANDING_COLUMNS)
CORRUPT_COLUMN = "_corrupt_record"
FILE_LISTING_SCHEMA = "path STRING, modificationTime TIMESTAMP, length BIGINT, content BINARY"
AUDIT_COLUMNS = [
    F.col("_metadata.file_path").alias("_source_file"),
    F.current_timestamp().alias("_ingested_at"),
    F.lit(RUN_ID).alias("_run_id"),
]

# COMMAND ----------

spark.sql(f"""
CREATE TABLE IF NOT EXISTS {BRONZE_TABLE} (
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
    _run_id STRING
)
USING DELTA
TBLPROPERTIES (
    'delta.autoOptimize.optimizeWrite' = 'true',
    'delta.autoOptimize.autoCompact' = 'true',
    'delta.enableChangeDataFeed' = 'true'
)
""")

# COMMAND ----------

# MAGIC %md
# MAGIC ## Auto Loader (Databricks)

# COMMAND ----------

def auto_loader_stream():
    """Auto Loader with the spec's schema; what does not fit is rescued by column name."""
    return (
        spark.readStream.format("cloudFiles")
        .option("cloudFiles.format", FILE_FORMAT)
        .option("cloudFiles.schemaLocation", f"{CHECKPOINT_PATH}/_schema")
        .option("rescuedDataColumn", "_rescued_data")
        .option("pathGlobFilter", FILE_GLOB)
        .options(**READER_OPTIONS)
        .schema(LANDING_SCHEMA)
        .load(LANDING_PATH)
        .select(*LANDING_NAMES, "_rescued_data", *AUDIT_COLUMNS)
        .writeStream.option("checkpointLocation", CHECKPOINT_PATH)
        .trigger(availableNow=True)
        .toTable(BRONZE_TABLE)
    )

# COMMAND ----------

# MAGIC %md
# MAGIC ## Plain file source (local runs)

# COMMAND ----------

def read_files(paths):
    """CSV by header: files are grouped by their header line and read by those names."""
    by_header = {}
    for path in paths:
        header = tuple(spark.read.options(**READER_OPTIONS).csv(path).columns)
        by_header.setdefault(header, []).append(path)
    permissive = {**READER_OPTIONS, "mode": "PERMISSIVE", "columnNameOfCorruptRecord": CORRUPT_COLUMN}
    return [
        spark.read.options(**permissive)
        .schema(", ".join(f"`{name}` STRING" for name in header) + f", {CORRUPT_COLUMN} STRING")
        .csv(group)
        for header, group in by_header.items()
    ]


def conform(files):
    """The spec's columns (null where a file lacks one); every other value goes to _rescued_data."""
    rescued = []
    for name in files.columns:
        if name not in LANDING_NAMES:
            rescued += [F.lit(name), F.col(f"`{name}`").cast("string")]
    columns = []
    for name, sql_type in LANDING_COLUMNS:
        if name not in files.columns:
            columns.append(F.lit(None).cast(sql_type).alias(name))
            continue
        value = F.expr(f"try_cast(`{name}` AS {sql_type})")
        columns.append(value.alias(name))
        rescued += [F.lit(name), F.when(value.isNull(), F.col(f"`{name}`").cast("string"))]
    entries = F.map_filter(F.create_map(*rescued), lambda _, v: v.isNotNull())
    rescued_data = F.when(F.size(entries) > 0, F.to_json(entries)).alias("_rescued_data")
    return files.select(*columns, rescued_data, *AUDIT_COLUMNS)


def ingest(files, batch_id):
    """One micro-batch of new files. The txn options make a replayed batch a no-op."""
    paths = [row.path for row in files.collect()]
    if not paths:
        return
    batch = reduce(DataFrame.unionByName, [conform(f) for f in read_files(paths)])
    query_id = spark.sparkContext.getLocalProperty("sql.streaming.queryId")
    (
        batch.write.format("delta")
        .mode("append")
        .option("txnAppId", f"{BRONZE_TABLE}-{query_id}")
        .option("txnVersion", batch_id)
        .saveAsTable(BRONZE_TABLE)
    )


def file_stream():
    """The plain file source: lists new files; ingest reads them."""
    return (
        spark.readStream.format("binaryFile")
        .schema(FILE_LISTING_SCHEMA)
        .option("pathGlobFilter", FILE_GLOB)
        .load(LANDING_PATH)
        .select("path")
        .writeStream.foreachBatch(ingest)
        .option("checkpointLocation", CHECKPOINT_PATH)
        .trigger(availableNow=True)
        .start()
    )

# COMMAND ----------

# MAGIC %md
# MAGIC ## Ingest

# COMMAND ----------

query = auto_loader_stream() if ON_DATABRICKS else file_stream()
query.awaitTermination()
