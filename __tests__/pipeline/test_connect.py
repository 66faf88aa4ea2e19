"""The notebooks' sessions are Spark Connect sessions, as on a standard access mode cluster: each
attempt's is its own, refuses the SparkContext, and cancelling the attempt's group interrupts its
running operation (operation tags: Connect has no job groups)."""

import threading
import time

import pytest
from lakehouse_harness.sessions import AttemptSessions
from pyspark.errors import PySparkAttributeError


def test_an_attempt_runs_in_a_connect_session_of_its_own_that_refuses_the_spark_context(spark):
    sessions = AttemptSessions(spark)
    with sessions.attempt() as first, sessions.attempt() as second:
        assert type(first).__module__ == "pyspark.sql.connect.session"
        assert len({first.session_id, second.session_id, spark.session_id}) == 3
        first.range(3).createOrReplaceTempView("only_here")
        assert first.table("only_here").count() == 3
        assert not second.catalog.tableExists("only_here")
        with pytest.raises(PySparkAttributeError, match="JVM_ATTRIBUTE_NOT_SUPPORTED"):
            _ = first.sparkContext


@pytest.fixture
def idle_server(server):
    """After the test, no Spark job is left on the server. The interrupted operation's job can outlive
    the interruption: seen here under load, still active 30 s after the client got OPERATION_CANCELED.
    Left running, it would hold both cores from every later suite of this process (it hung CI)."""
    yield server
    server.sparkContext.cancelAllJobs()
    deadline = time.time() + 60
    while server.sparkContext.statusTracker().getActiveJobsIds() and time.time() < deadline:
        time.sleep(0.5)
    assert list(server.sparkContext.statusTracker().getActiveJobsIds()) == []


def test_cancelling_an_attempts_group_interrupts_its_running_operation(spark, idle_server):
    sessions = AttemptSessions(spark)
    started, outcome = threading.Event(), {}

    def attempt():
        sessions.setJobGroup("local-0/slow/1", "slow attempt 1", interruptOnCancel=True)
        with sessions.attempt() as session:
            started.set()
            try:
                # Minutes of work on this machine: only the interruption ends it in time.
                session.range(10**10).selectExpr("count(DISTINCT id % 1000003)").collect()
            except Exception as error:
                outcome["error"] = error

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    assert started.wait(60)
    # An operation is interrupted once the server runs it: cancel until the attempt ends.
    for _ in range(60):
        sessions.cancelJobGroup("local-0/slow/1")
        worker.join(2)
        if not worker.is_alive():
            break
    assert not worker.is_alive()
    assert "OPERATION_CANCELED" in str(outcome.get("error"))
