"""Silver's batches: a crash between any two writes changes nothing a rerun would not have done,
the quality gate holds a bad batch once and lets it through on the operator's word, a held batch
checked again under a changed spec loses no row, a rebuilt bronze stops silver, one commit per
batch, and another spelling of a column fills only the rows that carry it. All through Spark
Connect, as standard access mode runs silver."""

import json

import pytest
from lakehouse_harness.spark import connect_session
from pyspark.sql import DataFrame
from pyspark.sql import functions as F
from pyspark.sql.connect.readwriter import DataFrameWriter
from pyspark.sql.connect.session import SparkSession
from pyspark.testing import assertDataFrameEqual
from support import silver_config
from test_silver import land, run, table

from lakehouse_runtime import silver
from lakehouse_runtime.batches import Batch, BronzeRebuiltError, accepted_batch, processed
from lakehouse_runtime.bronze import AUDIT
from lakehouse_runtime.config import SilverConfig
from lakehouse_runtime.tables import create_table, latest_version, table_id, table_properties


@pytest.fixture(scope="module")
def spark(spark):
    """A Spark Connect session on the runtime tests' Spark application (the other modules' stay classic)."""
    with connect_session(spark) as session:
        yield session


def history(spark, name: str) -> list[str]:
    """The operations of a table's commits that change rows, oldest first (auto compaction's OPTIMIZE left out)."""
    commits = spark.sql(f"DESCRIBE HISTORY spark_catalog.{name}").where("operation != 'OPTIMIZE'").orderBy("version").collect()
    return [r["operation"] for r in commits]


def quarantined(spark, dataset: str) -> list[tuple]:
    return sorted(tuple(r) for r in table(spark, f"silver.{dataset}_quarantine").select("id", "quantity", "_failed_rules").collect())


def quality(spark, dataset: str) -> list[tuple]:
    rows = table(spark, "silver.quality_results").where(f"dataset = '{dataset}'").where("failed > 0")
    return sorted(tuple(r) for r in rows.select("rule", "failed", "total", "bronze_first", "bronze_last").collect())


def gated(dataset: str) -> SilverConfig:
    config = silver_config(dataset)
    config["max_failed_fraction"] = 0.4
    config["min_failed_rows"] = 1
    return config


def test_one_bad_row_in_a_two_row_batch_is_quarantined_not_fatal(spark):
    config = silver_config("tiny")
    config["max_failed_fraction"] = 0.2
    config["min_failed_rows"] = 10
    land(spark, config, [("k1", "2", "new", "2026-01-01 00:00:00"), ("k2", "2", "new", None)])
    run(spark, config)
    assert [r["id"] for r in table(spark, "silver.tiny").collect()] == ["k1"]
    assert quarantined(spark, "tiny") == [("k2", "2", ["expect_column_values_to_not_be_null:updated_at"])]


def test_a_held_batch_is_quarantined_and_counted_once_and_later_data_waits_until_the_operator_accepts_it(spark):
    config = gated("held")
    land(spark, config, [("k1", "2", "new", "2026-01-01 00:00:00"), ("k2", "20", "new", "2026-01-01 00:00:00")])
    for attempt in ("r1", "r2"):
        with pytest.raises(silver.QualityGateError, match="accept_held_batch=held:0-1 "):
            run(spark, config, attempt)
    land(spark, config, [("k3", "3", "done", "2026-01-02 00:00:00")])
    # New data does not widen the held batch: the retry fails on the same range, quarantining nothing again.
    with pytest.raises(silver.QualityGateError, match="Bronze versions 0-1 are held"):
        run(spark, config, "r3")
    bad = [("k2", "20", ["expect_column_values_to_be_between:quantity"])]
    assert quarantined(spark, "held") == bad
    assert quality(spark, "held") == [("expect_column_values_to_be_between:quantity", 1, 2, 0, 1)]
    assert table(spark, "silver.held").count() == 0
    # The operator's way on: the held batch's passing rows go in, then the data behind it.
    run(spark, config, "r4", accept="other:0-9,held:0-1")
    assert sorted(r["id"] for r in table(spark, "silver.held").collect()) == ["k1", "k3"]
    assert quarantined(spark, "held") == bad
    assert quality(spark, "held") == [("expect_column_values_to_be_between:quantity", 1, 2, 0, 1)]
    totals = table(spark, "silver.quality_results").where("dataset = 'held'").groupBy("bronze_first", "bronze_last", "total").count()
    assert sorted(tuple(r) for r in totals.collect()) == [(0, 1, 2, len(config["rules"])), (2, 2, 1, len(config["rules"]))]


HELD_ROWS = [
    ("k1", "2", "new", "2026-01-01 00:00:00"),
    ("k2", "20", "new", "2026-01-01 00:00:00"),
    ("k3", "5", "done", "2026-01-01 00:00:00"),
]


def added_rule(config: SilverConfig) -> None:
    config["rules"].append({"name": "expect_column_values_to_match_regex:id", "kind": "regex", "column": "id", "regex": "^k[12]$"})


def between(maximum: int):
    def change(config: SilverConfig) -> None:
        rule = next(r for r in config["rules"] if r["kind"] == "between")
        rule["max"] = maximum  # type: ignore[typeddict-unknown-key]

    return change


def fraction(config: SilverConfig) -> None:
    config["max_failed_fraction"] = 0.5


@pytest.mark.parametrize(
    ("change", "accept", "in_silver", "in_quarantine"),
    [
        # A rule added: k3 fails only the new rule, and is quarantined; still held (2 of 3), accepted.
        (added_rule, "recheck_{}:0-1", ["k1"], ["k2", "k3"]),
        # A rule tightened: k3 fails it too.
        (between(4), "recheck_{}:0-1", ["k1"], ["k2", "k3"]),
        # A rule relaxed: k2 passes, leaves the quarantine, and the batch is no longer held.
        (between(30), "none", ["k1", "k2", "k3"], []),
        # A threshold raised: 1 of 3 is under it, the batch goes through as it is.
        (fraction, "none", ["k1", "k3"], ["k2"]),
    ],
    ids=["rule_added", "rule_tightened", "rule_relaxed", "threshold_raised"],
)
def test_a_held_batch_checked_again_under_a_changed_spec_puts_each_row_in_silver_or_quarantine_once(
    spark, change, accept, in_silver, in_quarantine, request
):
    dataset = f"recheck_{request.node.callspec.id}"
    config = gated(dataset)
    config["max_failed_fraction"] = 0.2
    land(spark, config, HELD_ROWS)
    with pytest.raises(silver.QualityGateError, match=f"accept_held_batch={dataset}:0-1 "):
        run(spark, config, "r1")
    change(config)
    run(spark, config, "r2", accept=accept.format(request.node.callspec.id))
    assert sorted(r["id"] for r in table(spark, f"silver.{dataset}").collect()) == in_silver
    assert sorted(r[0] for r in quarantined(spark, dataset)) == in_quarantine
    # The quality results stay those of the check that held the batch.
    assert quality(spark, dataset) == [("expect_column_values_to_be_between:quantity", 1, 3, 0, 1)]


def test_fails_if_bronze_was_rebuilt_naming_the_table_both_ids_and_the_way_on(spark):
    config = silver_config("rebuilt")
    land(spark, config, [("k1", "2", "new", "2026-01-01 00:00:00")])
    run(spark, config, "r1")
    bronze = "spark_catalog.bronze.rebuilt"
    old = table_id(spark, bronze)
    spark.sql(f"DROP TABLE {bronze}")
    # Created again: its versions restart at 0, below the one silver recorded.
    land(spark, config, [("k2", "2", "new", "2026-01-01 00:00:00")])
    new = table_id(spark, bronze)
    with pytest.raises(
        BronzeRebuiltError,
        match=rf"^{bronze} was rebuilt: its table id is {new}, while spark_catalog.silver.rebuilt recorded bronze versions up to 1 of"
        rf" table id {old}\. .* DROP TABLE spark_catalog.silver.rebuilt and spark_catalog.silver.rebuilt_quarantine, DELETE FROM"
        r" spark_catalog.silver.quality_results WHERE dataset = 'rebuilt', then run the job again",
    ):
        run(spark, config, "r2")
    assert [r["id"] for r in table(spark, "silver.rebuilt").collect()] == ["k1"]
    # The way on: silver written anew from the rebuilt bronze.
    for statement in ("DROP TABLE spark_catalog.silver.rebuilt", "DROP TABLE spark_catalog.silver.rebuilt_quarantine"):
        spark.sql(statement)
    spark.sql("DELETE FROM spark_catalog.silver.quality_results WHERE dataset = 'rebuilt'")
    run(spark, config, "r3")
    assert [r["id"] for r in table(spark, "silver.rebuilt").collect()] == ["k2"]
    assert table(spark, "silver.quality_results").where("dataset = 'rebuilt'").count() == len(config["rules"])


def test_accepting_another_range_does_not_open_the_gate(spark):
    config = gated("wrong_range")
    land(spark, config, [("k1", "2", "new", "2026-01-01 00:00:00"), ("k2", "20", "new", "2026-01-01 00:00:00")])
    with pytest.raises(silver.QualityGateError, match="accept_held_batch=wrong_range:0-1 "):
        run(spark, config, accept="wrong_range:0-0")
    assert table(spark, "silver.wrong_range").count() == 0


def test_accept_held_batch_names_a_dataset_and_a_range_or_none():
    assert accepted_batch("none", "orders") is None
    assert accepted_batch("customers:3-4, orders:5-9", "orders") == Batch(5, 9)
    assert accepted_batch("customers:3-4", "orders") is None
    with pytest.raises(ValueError, match=r"accept_held_batch: 'orders:9' is not a held batch; expected 'none' or <dataset>:<first>-<last>"):
        accepted_batch("orders:9", "orders")


def test_each_batch_is_one_silver_commit_an_append_until_a_key_returns(spark):
    config = silver_config("commits")
    land(spark, config, [("k1", "2", "new", "2026-01-01 00:00:00")])
    run(spark, config, "r1")
    land(spark, config, [("k2", "2", "new", "2026-01-01 00:00:00")])
    run(spark, config, "r2")
    land(spark, config, [("k1", "5", "done", "2026-01-02 00:00:00"), ("k3", "1", "new", "2026-01-01 00:00:00")])
    run(spark, config, "r3")
    assert history(spark, "silver.commits") == ["CREATE TABLE", "WRITE", "WRITE", "MERGE"]
    # No row failed: the quarantine was never written to.
    assert history(spark, "silver.commits_quarantine") == ["CREATE TABLE"]
    rows = table(spark, "silver.commits").select("id", "quantity", "_run_id").collect()
    assert sorted(tuple(r) for r in rows) == [("k1", 5, "r3"), ("k2", 2, "r2"), ("k3", 1, "r3")]
    metadata = spark.sql("DESCRIBE HISTORY spark_catalog.silver.commits").orderBy("version").collect()[-1]["userMetadata"]
    bronze_id = table_id(spark, "spark_catalog.bronze.commits")
    assert json.loads(metadata) == {"silver": "spark_catalog.silver.commits", "bronze_first": 3, "bronze_last": 3, "bronze_id": bronze_id}


def test_a_header_spelled_in_another_case_fills_its_column_for_its_rows_only(spark):
    config = silver_config("header_case")
    land(spark, config, [("k1", "2", "new", "2026-01-01 00:00:00"), ("k2", "3", "done", "2026-01-01 00:00:00")], "normal.csv")
    land(spark, config, [("k3", "4", None, "2026-01-01 00:00:00", '{"Status":"DONE"}')], "upper.csv")
    land(spark, config, [("k4", "5", None, "2026-01-01 00:00:00", '{"Status":"lost"}')], "upper2.csv")
    run(spark, config)
    rows = table(spark, "silver.header_case").select("id", "status").collect()
    # Folded before the rules and transformations: lower-cased, checked against the set, no new column.
    assert sorted(tuple(r) for r in rows) == [("k1", "new"), ("k2", "done"), ("k3", "done")]
    assert "status_" not in table(spark, "silver.header_case").columns
    assert quarantined(spark, "header_case") == [("k4", "5", ["expect_column_values_to_be_in_set:status"])]


def test_a_new_column_in_two_spellings_fills_each_row_from_its_own(spark):
    config = silver_config("two_spellings")
    land(spark, config, [("k1", "2", "new", "2026-01-01 00:00:00", '{"channel":"app"}')], "a.csv")
    land(spark, config, [("k2", "2", "new", "2026-01-01 00:00:00", '{"Channel":"web"}')], "b.csv")
    land(spark, config, [("k3", "2", "new", "2026-01-01 00:00:00")], "c.csv")
    run(spark, config)
    rows = table(spark, "silver.two_spellings").select("id", "channel").collect()
    assert sorted(tuple(r) for r in rows) == [("k1", "app"), ("k2", "web"), ("k3", None)]


KEYWORDS_SCHEMA = "`select` STRING, quantity STRING, status STRING, `order` STRING, _rescued_data STRING, _source_file STRING"


def test_columns_named_like_sql_keywords_work(spark):
    # The small dataset with its key named `select` and its ordering column `order`.
    config: SilverConfig = json.loads(json.dumps(silver_config("keywords")).replace('"id"', '"select"').replace("updated_at", "order"))
    bronze = "spark_catalog.bronze.keywords"
    create_table(spark, bronze, [*config["landing_columns"], *AUDIT], table_properties(change_data_feed=True))
    for rows in ([("k1", "2", "new", "2026-01-01 00:00:00", None, "a.csv")], [("k1", "3", "new", "2026-01-02 00:00:00", None, "b.csv")]):
        frame = spark.createDataFrame(rows, KEYWORDS_SCHEMA).selectExpr("*", "current_timestamp() AS _ingested_at", "'b' AS _run_id")
        frame.write.format("delta").mode("append").saveAsTable(bronze)
        run(spark, config)
    assert [tuple(r) for r in table(spark, "silver.keywords").select("select", "quantity").collect()] == [("k1", 3)]
    assert history(spark, "silver.keywords")[-1] == "MERGE"


# ---- a crash between any two writes ------------------------------------------------------------


class Crash(Exception):
    """The task cancelled before a write."""


def crash_at(monkeypatch: pytest.MonkeyPatch, n: int) -> list[str]:
    """Makes the n-th write (append, ALTER TABLE, MERGE) raise before it happens; returns the writes seen."""
    seen: list[str] = []

    def wrap(original, kind=None):
        def write(self, *args, **kwargs):
            # SQL statements other than ALTER TABLE and MERGE write no rows (CREATE TABLE IF NOT EXISTS, reads).
            statement = kind or str(args[0]).split(None, 1)[0].lower()
            if statement in ("append", "alter", "merge"):
                seen.append(statement)
                if len(seen) == n:
                    raise Crash(f"cancelled before write {n} ({statement})")
            return original(self, *args, **kwargs)

        return write

    monkeypatch.setattr(DataFrameWriter, "saveAsTable", wrap(DataFrameWriter.saveAsTable, "append"))
    monkeypatch.setattr(SparkSession, "sql", wrap(SparkSession.sql))
    return seen


BATCHES = [
    [("k1", "2", "new", "2026-01-01 00:00:00"), ("k2", "2", "new", "2026-01-01 00:00:00")],
    # An update, a new key, a failing row and a new column: every kind of write silver makes.
    [
        ("k1", "4", "done", "2026-01-02 00:00:00", '{"channel":"app"}'),
        ("k3", "1", "new", "2026-01-01 00:00:00"),
        ("k4", "99", "new", "2026-01-01 00:00:00"),
    ],
    [("k2", "7", "done", "2026-01-03 00:00:00"), ("k5", "x", "new", "2026-01-01 00:00:00")],
]


def first_batch_then_second_landed(spark, dataset: str) -> SilverConfig:
    config = silver_config(dataset)
    land(spark, config, BATCHES[0])
    run(spark, config)
    land(spark, config, BATCHES[1])
    return config


def snapshot(spark, dataset: str) -> dict[str, DataFrame]:
    """Every table silver writes, without what differs by the dataset's name or by wall-clock time."""
    return {
        "silver": table(spark, f"silver.{dataset}").drop("_ingested_at"),
        "quarantine": table(spark, f"silver.{dataset}_quarantine").drop("_ingested_at", "_quarantined_at"),
        # Per rule over all batches: a crash before anything of a batch was recorded lets the rerun take
        # it together with the data landed since, so the batches' bounds may differ, never the counts.
        "quality": table(spark, "silver.quality_results")
        .where(f"dataset = '{dataset}'")
        .groupBy("rule")
        .agg(F.sum("failed").alias("failed"), F.sum("total").alias("total")),
    }


@pytest.fixture(scope="module")
def uninterrupted(spark):
    config = first_batch_then_second_landed(spark, "uninterrupted")
    run(spark, config)
    land(spark, config, BATCHES[2])
    run(spark, config)
    return snapshot(spark, "uninterrupted")


def test_the_second_batch_makes_every_kind_of_write(spark, monkeypatch):
    config = first_batch_then_second_landed(spark, "write_kinds")
    seen = crash_at(monkeypatch, 0)
    run(spark, config)
    assert seen == ["append", "append", "alter", "merge"]


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_a_crash_before_any_write_then_new_data_and_a_rerun_leave_every_table_as_an_uninterrupted_run(spark, monkeypatch, uninterrupted, n):
    dataset = f"crash_{n}"
    config = first_batch_then_second_landed(spark, dataset)
    seen = crash_at(monkeypatch, n)
    with pytest.raises(Crash):
        run(spark, config)
    assert len(seen) == n
    monkeypatch.undo()
    land(spark, config, BATCHES[2])
    run(spark, config)
    got = snapshot(spark, dataset)
    for name, frame in uninterrupted.items():
        assertDataFrameEqual(got[name], frame)


def test_a_crash_before_an_empty_batch_is_recorded_then_a_rerun_records_it_and_writes_no_rows(spark, monkeypatch):
    config = silver_config("crash_empty")
    land(spark, config, BATCHES[0])
    run(spark, config)
    spark.sql("ALTER TABLE spark_catalog.bronze.crash_empty SET TBLPROPERTIES ('delta.logRetentionDuration' = 'interval 60 days')")
    before = {name: frame.collect() for name, frame in snapshot(spark, "crash_empty").items()}
    seen = crash_at(monkeypatch, 1)
    with pytest.raises(Crash):
        run(spark, config)
    assert seen == ["alter"]
    monkeypatch.undo()
    run(spark, config)
    assert processed(spark, "spark_catalog.silver.crash_empty").last == latest_version(spark, "spark_catalog.bronze.crash_empty")
    for name, frame in snapshot(spark, "crash_empty").items():
        assertDataFrameEqual(frame, before[name])
