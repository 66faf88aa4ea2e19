"""Bronze: new landing files, each ingested once, appended to a Delta table with lineage columns.

One ingestion contract for both readers. Auto Loader (Databricks) and the plain file source (local
runs) yield the same columns: the spec's landing columns, `_rescued_data` (a JSON object of every
value that did not fit: extra columns, type mismatches, and a malformed line's text under
`_corrupt_record`), `_source_file`, `_ingested_at` and `_run_id`. Silver's rules then quarantine
what was rescued, by name.
"""

import threading
from functools import reduce
from typing import Any

from pyspark.sql import Column as SparkColumn
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.streaming.query import StreamingQuery
from pyspark.sql.streaming.readwriter import DataStreamReader

from . import interval, params
from .config import BronzeConfig, Column
from .tables import create_table, table_properties

#: Under Spark Connect the server starts a Python process per foreachBatch query at its start and
#: gives it 10 s (Spark 4.0's PythonWorkerFactory) to connect back; local tasks starting their streams
#: together on a small machine miss that, so their starts take turns (the streams still run at once).
_STREAM_START = threading.Lock()
CORRUPT_COLUMN = "_corrupt_record"
RESCUED_COLUMN = "_rescued_data"
PARAMETERS = ["catalog", "landing_path", "checkpoint_path", "on_databricks", "run_id"]
FILE_LISTING_SCHEMA = "path STRING, modificationTime TIMESTAMP, length BIGINT, content BINARY"
AUDIT: list[Column] = [
    {"name": "_rescued_data", "type": "STRING"},
    {"name": "_source_file", "type": "STRING"},
    {"name": "_ingested_at", "type": "TIMESTAMP"},
    {"name": "_run_id", "type": "STRING"},
]


def landing_schema(config: BronzeConfig) -> str:
    return ", ".join(f"`{c['name']}` {c['type']}" for c in config["columns"])


def source_schema(config: BronzeConfig) -> str:
    """What a reader is given: the landing columns, plus the malformed-line column for text formats."""
    if config["format"] == "parquet":
        return landing_schema(config)
    return f"{landing_schema(config)}, {CORRUPT_COLUMN} STRING"


def reader_options(config: BronzeConfig) -> dict[str, str]:
    """Format options both readers share. Text formats keep a malformed line whole in _corrupt_record."""
    if config["format"] == "parquet":
        return {}
    options = {"mode": "PERMISSIVE", "columnNameOfCorruptRecord": CORRUPT_COLUMN}
    return {**options, "header": str(config["header"]).lower()} if config["format"] == "csv" else options


def file_glob(config: BronzeConfig) -> str:
    return f"*.{config['format']}"


def audit_columns(run_id: str) -> list[SparkColumn]:
    return [F.col("_metadata.file_path").alias("_source_file"), F.current_timestamp().alias("_ingested_at"), F.lit(run_id).alias("_run_id")]


def rescued_json(entries: SparkColumn) -> SparkColumn:
    """A map of rescued values (null values dropped) as a JSON object, or null when nothing was rescued."""
    kept = F.map_filter(entries, lambda _, v: v.isNotNull())
    return F.when(F.size(kept) > 0, F.to_json(kept)).alias(RESCUED_COLUMN)


# ---- Auto Loader (Databricks) ------------------------------------------------------------------


def auto_loader_source(read_stream: DataStreamReader, config: BronzeConfig, landing_path: str, checkpoint_path: str) -> DataFrame:
    """Auto Loader with the spec's schema: what does not fit is rescued by column name, a malformed line kept whole."""
    return (
        read_stream.format("cloudFiles")
        .option("cloudFiles.format", config["format"])
        .option("cloudFiles.schemaLocation", f"{checkpoint_path}/_schema")
        .option("cloudFiles.schemaEvolutionMode", "rescue")
        .option("rescuedDataColumn", RESCUED_COLUMN)
        .option("pathGlobFilter", file_glob(config))
        .options(**reader_options(config))
        .schema(source_schema(config))
        .load(landing_path)
    )


def conform_auto_loader(frame: DataFrame, config: BronzeConfig, run_id: str) -> DataFrame:
    """Auto Loader's columns as the contract has them: its rescued JSON and the malformed line in one object."""
    names = [c["name"] for c in config["columns"]]
    rescued = F.coalesce(F.from_json(F.col(RESCUED_COLUMN), "map<string,string>"), F.create_map().cast("map<string,string>"))
    if config["format"] != "parquet":
        rescued = F.map_concat(rescued, F.create_map(F.lit(CORRUPT_COLUMN), F.col(CORRUPT_COLUMN)))
    return frame.select(*[F.col(f"`{n}`") for n in names], rescued_json(rescued), *audit_columns(run_id))


def auto_loader_stream(spark: SparkSession, config: BronzeConfig, table: str, p: dict[str, str]) -> StreamingQuery:
    source = auto_loader_source(spark.readStream, config, p["landing_path"], p["checkpoint_path"])
    return (
        conform_auto_loader(source, config, p["run_id"])
        .writeStream.option("checkpointLocation", p["checkpoint_path"])
        .trigger(availableNow=True)
        .toTable(table)
    )


# ---- the plain file source (local runs) ------------------------------------------------------


def read_files(spark: SparkSession, config: BronzeConfig, paths: list[str]) -> list[DataFrame]:
    """The files by their own columns, all as text (parquet: as typed), so no value is dropped by the reader."""
    options = reader_options(config)
    if config["format"] == "csv" and config["header"]:
        # Grouped by header line, each group read by its own names: an extra or reordered column is kept.
        by_header: dict[tuple[str, ...], list[str]] = {}
        for path in paths:
            by_header.setdefault(tuple(spark.read.options(**options).csv(path).columns), []).append(path)
        return [
            spark.read.options(**options).schema(", ".join(f"`{n}` STRING" for n in header) + f", {CORRUPT_COLUMN} STRING").csv(group)
            for header, group in by_header.items()
        ]
    if config["format"] == "csv":
        return [spark.read.options(**options).schema(source_schema(config)).csv(paths)]
    if config["format"] == "json":
        return [spark.read.options(**options, primitivesAsString="true").json(paths)]
    return [spark.read.option("mergeSchema", "true").parquet(*paths)]


def conform_files(files: DataFrame, config: BronzeConfig, run_id: str) -> DataFrame:
    """The spec's columns (null where a file lacks one); every other value, and one that does not cast, rescued."""
    names = [c["name"] for c in config["columns"]]
    rescued: list[SparkColumn] = []
    for name in files.columns:
        if name not in names:
            rescued += [F.lit(name), F.col(f"`{name}`").cast("string")]
    columns: list[SparkColumn] = []
    for column in config["columns"]:
        name, sql_type = column["name"], column["type"]
        if name not in files.columns:
            columns.append(F.lit(None).cast(sql_type).alias(name))
            continue
        value = F.expr(f"try_cast(`{name}` AS {sql_type})")
        columns.append(value.alias(name))
        rescued += [F.lit(name), F.when(value.isNull(), F.col(f"`{name}`").cast("string"))]
    entries = F.create_map(*rescued) if rescued else F.create_map().cast("map<string,string>")
    return files.select(*columns, rescued_json(entries), *audit_columns(run_id))


def file_stream(spark: SparkSession, config: BronzeConfig, table: str, p: dict[str, str]) -> StreamingQuery:
    """Lists new files with a checkpoint (as Auto Loader does); each micro-batch reads and appends them."""

    checkpoint = p["checkpoint_path"]

    def ingest(listing: DataFrame, batch_id: int) -> None:
        # The batch's own session, never the caller's: under Spark Connect the function runs in a
        # Python process of the server, where the notebook's session does not exist (and a captured
        # one cannot be pickled). No SparkContext either: it does not exist under Spark Connect.
        session = listing.sparkSession
        paths = [row.path for row in listing.collect()]
        if not paths:
            return
        batch = reduce(DataFrame.unionByName, [conform_files(f, config, p["run_id"]) for f in read_files(session, config, paths)])
        # txnAppId/txnVersion: a replayed micro-batch appends nothing. The query's id (kept in the
        # checkpoint's metadata file, new with a new checkpoint) starts the batch ids anew.
        query_id = session.read.schema("id STRING").json(f"{checkpoint}/metadata").collect()[0]["id"]
        batch.write.format("delta").mode("append").option("txnAppId", f"{table}-{query_id}").option("txnVersion", batch_id).saveAsTable(
            table
        )

    writer = (
        spark.readStream.format("binaryFile")
        .schema(FILE_LISTING_SCHEMA)
        .option("pathGlobFilter", file_glob(config))
        .load(p["landing_path"])
        .select("path")
        .writeStream.foreachBatch(ingest)
        .option("checkpointLocation", checkpoint)
        .trigger(availableNow=True)
    )
    with _STREAM_START:
        return writer.start()


def run(spark: SparkSession, dbutils: Any, config: BronzeConfig) -> None:
    """The bronze task of one dataset."""
    p = params.read(dbutils, PARAMETERS)
    interval.check(dbutils, f"the landing folder {p['landing_path']}")
    table = f"{p['catalog']}.{config['table']}"
    create_table(spark, table, [*config["columns"], *AUDIT], table_properties(change_data_feed=True))
    query = auto_loader_stream(spark, config, table, p) if params.flag(p["on_databricks"]) else file_stream(spark, config, table, p)
    query.awaitTermination()
