"""A SparkSession per task attempt, and the cancellation of one attempt's Spark work.

Each attempt runs in a session of its own on the one Spark application, as each notebook on a
Databricks cluster does: one catalog and one set of executors, its own SQL configuration and
temporary views. With a Spark Connect session the attempt's session is a new Connect session on
the same server; with a classic one, `newSession()`.

Cancellation: classic sessions run an attempt's Spark jobs under a SparkContext job group of its
own (the bench counts a task's jobs by it). Spark Connect has no SparkContext; there the attempt's
session tags the operations of the thread the runner named the group in (`setJobGroup`), and
`cancelJobGroup` interrupts the operations carrying the tag (`SparkSession.interruptTag`).
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pyspark.sql import SparkSession

from .spark import is_remote, release, remote_session, server_url


class AttemptSessions:
    """Opens each attempt's session on `spark`'s application, and is the runner's job groups (runner.JobGroups)."""

    def __init__(self, spark: SparkSession) -> None:
        self.spark = spark
        self._url = server_url(spark) if is_remote(spark) else None
        self._group = threading.local()
        self._lock = threading.Lock()
        self._sessions: dict[str, SparkSession] = {}

    def setJobGroup(self, groupId: str, description: str, interruptOnCancel: bool = False) -> None:  # the runner's protocol
        if self._url is None:
            self.spark.sparkContext.setJobGroup(groupId, description, interruptOnCancel)
        self._group.id = groupId

    def cancelJobGroup(self, groupId: str) -> None:  # the runner's protocol
        if self._url is None:
            self.spark.sparkContext.cancelJobGroup(groupId)
            return
        with self._lock:
            session = self._sessions.get(groupId)
        if session is not None:
            session.interruptTag(groupId)

    @contextmanager
    def attempt(self) -> Iterator[SparkSession]:
        """The session of the attempt running in this thread, its operations tagged with the attempt's group."""
        session = self.spark.newSession() if self._url is None else remote_session(self._url)
        group: str | None = getattr(self._group, "id", None) if self._url is not None else None
        if group is not None:
            session.addTag(group)
            with self._lock:
                self._sessions[group] = session
        previous = _activate(session) if self._url is not None else None
        try:
            yield session
        finally:
            if self._url is not None:
                _activate(previous)
            if group is not None:
                with self._lock:
                    self._sessions.pop(group, None)
            if self._url is not None:
                release(session)


def _activate(session: Any) -> Any:
    """Makes `session` this thread's active Spark Connect session, returning the one it replaces.

    A notebook's `spark` is the session pyspark hands out there, so code asking pyspark for one
    (`SparkSession.builder.getOrCreate()`, as Great Expectations' Spark engine does) gets the
    notebook's own. pyspark keeps the first session a thread created active, which here would be an
    earlier, released attempt's; it has no public setter, hence its class attribute.
    """
    from pyspark.sql.connect.session import SparkSession as RemoteSparkSession

    local = RemoteSparkSession._active_session
    previous = getattr(local, "session", None)
    local.session = session
    return previous
