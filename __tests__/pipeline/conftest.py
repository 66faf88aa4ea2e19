"""The scenario the tests inspect, on the harness (harness/: local Spark with Delta, the job run as
Databricks runs it). Every notebook, and every test's query, runs through Spark Connect, as standard
access mode runs Python: what Connect refuses or resolves differently fails here. It holds no
pipeline logic: it lands sample files, runs the synthesized job (independent tasks at once, with the
job's retries) and records each table's Delta version after every step, so a test reads any earlier
state back with VERSION AS OF.
"""

from pathlib import Path

import pytest
from lakehouse_harness.pipeline import LocalPipeline
from lakehouse_harness.spark import connect_session, spark_session

DATA = Path(__file__).resolve().parent / "data"
STAGES = ("first", "second", "noop")


class Scenario:
    """The pipeline after each step: first batch, second batch, a rerun with no new files, bad files."""

    def __init__(self, spark, pipeline):
        self.spark = spark
        self.pipeline = pipeline
        self.versions = {}
        self.run_ids = {}
        self.runs = {}
        self.failures = {}

    def snapshot(self, stage):
        self.versions[stage] = {t: self.version(t) for t in self.pipeline.tables()}

    def version(self, table):
        return self.spark.sql(f"DESCRIBE HISTORY spark_catalog.{table}").agg({"version": "max"}).first()[0]

    def table(self, name, stage):
        """A table as it was after `stage`."""
        return self.spark.sql(f"SELECT * FROM spark_catalog.{name} VERSION AS OF {self.versions[stage][name]}")

    def rows(self, name, stage):
        return [r.asDict() for r in self.table(name, stage).collect()]

    def history_since(self, table, stage):
        """Operations committed to `table` after `stage`."""
        since = self.versions[stage][table]
        history = self.spark.sql(f"DESCRIBE HISTORY spark_catalog.{table}").where(f"version > {since}")
        return sorted(r.operation for r in history.collect())


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The local Spark application (classic session) that serves Spark Connect."""
    session = spark_session(tmp_path_factory.mktemp("warehouse"), "lakehouse-tests")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def spark(server):
    """A Spark Connect session on the local application's server; the pipeline's attempts get sessions of their own there."""
    with connect_session(server) as session:
        yield session


@pytest.fixture(scope="session")
def pipeline(spark, tmp_path_factory):
    return LocalPipeline(spark, tmp_path_factory.mktemp("lake"), tmp_path_factory.mktemp("notebooks"))


@pytest.fixture(scope="session")
def scenario(spark, pipeline):
    s = Scenario(spark, pipeline)
    pipeline.land(DATA / "batch1")
    s.runs["first"] = pipeline.run()
    s.run_ids["first"] = s.runs["first"].run_id
    s.snapshot("first")
    pipeline.land(DATA / "batch2")
    s.runs["second"] = pipeline.run()
    s.run_ids["second"] = s.runs["second"].run_id
    s.snapshot("second")
    s.runs["noop"] = pipeline.run()
    s.run_ids["noop"] = s.runs["noop"].run_id
    s.snapshot("noop")
    return s


@pytest.fixture(scope="session")
def failing(scenario, pipeline):
    """After the main scenario: bad files that must fail their silver task, and what each task raised."""
    pipeline.land(DATA / "failing")
    failures = {}
    for key in ("bronze_customers", "bronze_payments", "silver_customers", "silver_payments"):
        try:
            pipeline.run_task(key, "failing")
        except Exception as error:
            failures[key] = error
    scenario.snapshot("failing")
    return failures
