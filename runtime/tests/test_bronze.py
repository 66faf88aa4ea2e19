"""The ingestion contract: Auto Loader's configuration (through a recording fake of the stream
reader) and the same columns and rescued values from Auto Loader's output and the file reader."""

import json
from pathlib import Path
from typing import Any

from lakehouse_harness.dbutils import DbUtils
from pyspark.sql import DataFrame, SparkSession
from pyspark.testing import assertDataFrameEqual
from support import orders_bronze

from lakehouse_runtime import bronze


class RecordingReader:
    """A DataStreamReader that records how it was configured."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []

    def format(self, source: str) -> "RecordingReader":
        self.calls.append(("format", source))
        return self

    def option(self, key: str, value: str) -> "RecordingReader":
        self.calls.append(("option", (key, value)))
        return self

    def options(self, **options: str) -> "RecordingReader":
        self.calls.append(("options", options))
        return self

    def schema(self, schema: str) -> "RecordingReader":
        self.calls.append(("schema", schema))
        return self

    def load(self, path: str) -> str:
        self.calls.append(("load", path))
        return "stream"


def rescued(frame: DataFrame) -> list[dict[str, str]]:
    """Each row's rescued values by order id, without Auto Loader's own _file_path entry."""
    rows = frame.orderBy("order_id").collect()
    return [{k: v for k, v in json.loads(r["_rescued_data"] or "{}").items() if k != "_file_path"} for r in rows]


def auto_loader_output(spark: SparkSession, tmp_path: Path, rows: list[dict[str, Any]]) -> DataFrame:
    """What Auto Loader yields for `rows` under the contract's schema: read back from a file, so _metadata is there."""
    schema = "order_id STRING, quantity STRING, updated_at STRING, _corrupt_record STRING, _rescued_data STRING"
    path = str(tmp_path / "auto_loader")
    spark.createDataFrame(rows, schema).write.parquet(path)
    return spark.read.parquet(path)


def test_auto_loader_is_configured_with_the_schema_rescue_column_malformed_lines_and_glob():
    reader = RecordingReader()
    assert bronze.auto_loader_source(reader, orders_bronze(), "s3://landing/orders", "s3://bronze/_checkpoints/orders") == "stream"  # type: ignore[arg-type]
    assert reader.calls == [
        ("format", "cloudFiles"),
        ("option", ("cloudFiles.format", "csv")),
        ("option", ("cloudFiles.schemaLocation", "s3://bronze/_checkpoints/orders/_schema")),
        ("option", ("cloudFiles.schemaEvolutionMode", "rescue")),
        ("option", ("rescuedDataColumn", "_rescued_data")),
        ("option", ("pathGlobFilter", "*.csv")),
        ("options", {"mode": "PERMISSIVE", "columnNameOfCorruptRecord": "_corrupt_record", "header": "true"}),
        ("schema", "`order_id` STRING, `quantity` STRING, `updated_at` STRING, _corrupt_record STRING"),
        ("load", "s3://landing/orders"),
    ]


def test_auto_loader_reads_parquet_by_its_typed_schema_without_a_malformed_line_column():
    config = orders_bronze()
    config["format"] = "parquet"
    config["columns"][1]["type"] = "INT"
    reader = RecordingReader()
    bronze.auto_loader_source(reader, config, "/landing", "/checkpoint")  # type: ignore[arg-type]
    assert ("options", {}) in reader.calls
    assert ("schema", "`order_id` STRING, `quantity` INT, `updated_at` STRING") in reader.calls
    assert ("option", ("pathGlobFilter", "*.parquet")) in reader.calls


def test_both_readers_yield_the_same_columns(spark, landing, tmp_path):
    (landing / "a.csv").write_text("order_id,quantity,updated_at\no1,2,2026-01-01\n")
    files = bronze.read_files(spark, orders_bronze(), [str(landing / "a.csv")])[0]
    local = bronze.conform_files(files, orders_bronze(), "run-1")
    row = {"order_id": "o1", "quantity": "2", "updated_at": "2026-01-01", "_corrupt_record": None, "_rescued_data": None}
    auto = bronze.conform_auto_loader(auto_loader_output(spark, tmp_path, [row]), orders_bronze(), "run-1")
    assert (
        local.dtypes
        == auto.dtypes
        == [
            ("order_id", "string"),
            ("quantity", "string"),
            ("updated_at", "string"),
            ("_rescued_data", "string"),
            ("_source_file", "string"),
            ("_ingested_at", "timestamp"),
            ("_run_id", "string"),
        ]
    )
    assertDataFrameEqual(local.drop("_source_file", "_ingested_at"), auto.drop("_source_file", "_ingested_at"))


def test_both_readers_rescue_an_extra_column_and_a_malformed_line_alike(spark, landing, tmp_path):
    (landing / "a.csv").write_text("order_id,quantity,updated_at,channel\no1,2,2026-01-01,app\no2,3,2026-01-02,web,surplus\n")
    files = bronze.read_files(spark, orders_bronze(), [str(landing / "a.csv")])
    local = bronze.conform_files(files[0], orders_bronze(), "run-1")
    rows = [
        {
            "order_id": "o1",
            "quantity": "2",
            "updated_at": "2026-01-01",
            "_corrupt_record": None,
            "_rescued_data": '{"channel":"app","_file_path":"a.csv"}',
        },
        {
            "order_id": "o2",
            "quantity": "3",
            "updated_at": "2026-01-02",
            "_corrupt_record": "o2,3,2026-01-02,web,surplus",
            "_rescued_data": '{"channel":"web","_file_path":"a.csv"}',
        },
    ]
    auto = bronze.conform_auto_loader(auto_loader_output(spark, tmp_path, rows), orders_bronze(), "run-1")
    expected = [{"channel": "app"}, {"channel": "web", "_corrupt_record": "o2,3,2026-01-02,web,surplus"}]
    assert rescued(local) == rescued(auto) == expected


def test_the_file_reader_rescues_a_typed_value_that_does_not_cast(spark, landing):
    config = orders_bronze()
    config["format"] = "parquet"
    config["columns"][1]["type"] = "INT"
    spark.createDataFrame([("o1", "abc", "2026-01-01")], "order_id STRING, quantity STRING, updated_at STRING").write.parquet(
        str(landing / "p")
    )
    files = bronze.read_files(spark, config, [str(p) for p in (landing / "p").glob("*.parquet")])
    frame = bronze.conform_files(files[0], config, "run-1")
    assert frame.select("quantity").first()["quantity"] is None
    assert rescued(frame) == [{"quantity": "abc"}]


def test_the_file_reader_reads_headerless_csv_by_position(spark, landing):
    config = orders_bronze()
    config["header"] = False
    (landing / "a.csv").write_text("o1,2,2026-01-01\n")
    frame = bronze.conform_files(bronze.read_files(spark, config, [str(landing / "a.csv")])[0], config, "run-1")
    assert frame.select("order_id", "quantity", "updated_at", "_rescued_data").collect()[0].asDict() == {
        "order_id": "o1",
        "quantity": "2",
        "updated_at": "2026-01-01",
        "_rescued_data": None,
    }


def test_the_file_reader_reads_json_keys_as_text_and_keeps_unknown_keys(spark, landing):
    config = orders_bronze()
    config["format"] = "json"
    (landing / "a.json").write_text('{"order_id": "o1", "quantity": 2, "updated_at": "2026-01-01", "coupon": "X"}\n{"order_id": "o2", \n')
    frame = bronze.conform_files(bronze.read_files(spark, config, [str(landing / "a.json")])[0], config, "run-1")
    rows = sorted(frame.select("order_id", "quantity", "_rescued_data").collect(), key=lambda r: r["_rescued_data"])
    assert rows[1].asDict() == {"order_id": "o1", "quantity": "2", "_rescued_data": '{"coupon":"X"}'}
    assert json.loads(rows[0]["_rescued_data"]) == {"_corrupt_record": '{"order_id": "o2", '}


def test_run_ingests_each_file_once(spark, landing, tmp_path):
    (landing / "a.csv").write_text("order_id,quantity,updated_at\no1,2,2026-01-01\n")
    parameters = {
        "catalog": "spark_catalog",
        "landing_path": str(landing),
        "checkpoint_path": str(tmp_path / "checkpoint"),
        "on_databricks": "false",
        "run_id": "run-1",
    }
    config = orders_bronze()
    config["table"] = "bronze.run_once"
    bronze.run(spark, DbUtils(parameters), config)
    bronze.run(spark, DbUtils({**parameters, "run_id": "run-2"}), config)
    (landing / "b.csv").write_text("order_id,quantity,updated_at\no2,3,2026-01-02\n")
    bronze.run(spark, DbUtils({**parameters, "run_id": "run-3"}), config)
    rows = spark.table("spark_catalog.bronze.run_once").select("order_id", "_run_id").orderBy("order_id").collect()
    assert [tuple(r) for r in rows] == [("o1", "run-1"), ("o2", "run-3")]
