"""Fake tasks and a recording stand-in for SparkContext's job groups."""

import threading
from collections.abc import Callable

from lakehouse_harness.job import Task


class Killed(Exception):
    """What a task's Spark action raises when its job group is cancelled."""


class RecordingJobGroups:
    """Records which thread set which job group; cancelling a group wakes the attempt waiting in it."""

    def __init__(self) -> None:
        self.set: list[tuple[str, str]] = []
        self.cancelled: list[str] = []
        self._events: dict[str, threading.Event] = {}
        self._local = threading.local()
        self._lock = threading.Lock()

    def setJobGroup(self, groupId: str, description: str, interruptOnCancel: bool = False) -> None:
        with self._lock:
            self.set.append((threading.current_thread().name, groupId))
            self._events[groupId] = threading.Event()
        self._local.group = groupId

    def cancelJobGroup(self, groupId: str) -> None:
        with self._lock:
            self.cancelled.append(groupId)
            self._events[groupId].set()

    def block_until_cancelled(self, timeout: float = 10) -> None:
        """A long Spark action in the calling thread's job group: raises Killed once the group is cancelled."""
        if self._events[self._local.group].wait(timeout):
            raise Killed(self._local.group)
        raise AssertionError("the job group was never cancelled")


class Script:
    """execute(): each task does what its script says per attempt (default: succeed), and every call is recorded."""

    def __init__(self, steps: dict[str, list[Callable[[], None]]] | None = None) -> None:
        self.steps = steps or {}
        self.calls: list[tuple[str, int]] = []
        self._lock = threading.Lock()

    def __call__(self, task: Task, attempt: int) -> None:
        with self._lock:
            self.calls.append((task.key, attempt))
        steps = self.steps.get(task.key, [])
        if attempt <= len(steps):
            steps[attempt - 1]()


def fail() -> None:
    raise RuntimeError("boom")
