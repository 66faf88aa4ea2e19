"""Runs a job's tasks as the Jobs service does: independent tasks at once, each task's retries, and
downstream tasks run or not by their run_if.

Semantics from "Configure task dependencies" (https://docs.databricks.com/aws/en/jobs/run-if):
a task's condition is evaluated once all its dependencies are done; an unmet ALL_SUCCESS,
AT_LEAST_ONE_SUCCESS or NONE_FAILED marks it UPSTREAM_FAILED, an unmet AT_LEAST_ONE_FAILED or
ALL_FAILED marks it EXCLUDED; an excluded task counts as succeeded for its dependents, and a task
whose dependencies are all excluded is excluded whatever its condition. A cancelled run cancels
what runs and what is left, except the tasks whose condition handles failure.
Retries (https://docs.databricks.com/api/workspace/jobs/create, tasks[].max_retries and
min_retry_interval_millis): up to max_retries more attempts after a failed one, each starting no
sooner than the interval after the failed attempt's start. Timeouts (tasks[].timeout_seconds,
retry_on_timeout): an attempt still running after the timeout is cancelled and the task is
TIMEDOUT, retried only when retry_on_timeout is set.
"""

import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Protocol

from .job import Task, check_dag, width

SUCCESS, FAILED, UPSTREAM_FAILED, EXCLUDED, CANCELED = "SUCCESS", "FAILED", "UPSTREAM_FAILED", "EXCLUDED", "CANCELED"
TIMEDOUT = "TIMEDOUT"
_FAILED_STATES = (FAILED, UPSTREAM_FAILED, CANCELED, TIMEDOUT)
#: How long a timed-out attempt gets to end once its Spark work is cancelled; past it the runner
#: goes on without it, as the Jobs service does not wait for a task it timed out.
CANCEL_GRACE_S = 30.0
#: Conditions that run a task after failures, so they still run in a cancelled job.
_HANDLES_FAILURE = ("ALL_DONE", "AT_LEAST_ONE_FAILED", "ALL_FAILED")


class JobGroups(Protocol):
    """The part of SparkContext that tags a thread's Spark jobs and cancels them by tag."""

    def setJobGroup(self, groupId: str, description: str, interruptOnCancel: bool = False) -> None: ...
    def cancelJobGroup(self, groupId: str) -> None: ...


class TaskTimedOut(TimeoutError):
    def __init__(self, task: Task) -> None:
        super().__init__(f"task {task.key}: the attempt ran past its timeout of {task.timeout_s:g} s and was cancelled")


@dataclass
class Attempt:
    number: int
    start: float
    end: float
    error: BaseException | None = None

    @property
    def timed_out(self) -> bool:
        return isinstance(self.error, TaskTimedOut)


@dataclass
class TaskRun:
    """One task's outcome in a job run; start and end are epoch seconds, None for a task that never ran."""

    key: str
    state: str
    attempts: list[Attempt] = field(default_factory=list)

    @property
    def start(self) -> float | None:
        return self.attempts[0].start if self.attempts else None

    @property
    def end(self) -> float | None:
        return self.attempts[-1].end if self.attempts else None

    @property
    def duration(self) -> float:
        return (self.attempts[-1].end - self.attempts[0].start) if self.attempts else 0.0

    @property
    def error(self) -> BaseException | None:
        return self.attempts[-1].error if self.attempts else None


@dataclass
class JobRun:
    run_id: str
    tasks: dict[str, TaskRun]

    @property
    def succeeded(self) -> bool:
        return all(t.state in (SUCCESS, EXCLUDED) for t in self.tasks.values())


def run_if_verdict(run_if: str, upstream: Sequence[str]) -> str | None:
    """None when the task runs after dependencies in these states; else the state it is marked."""
    if not upstream:
        return None
    if all(s == EXCLUDED for s in upstream):
        return EXCLUDED
    states = [SUCCESS if s == EXCLUDED else s for s in upstream]
    failed = [s in _FAILED_STATES for s in states]
    met = {
        "ALL_SUCCESS": all(s == SUCCESS for s in states),
        "AT_LEAST_ONE_SUCCESS": any(s == SUCCESS for s in states),
        "NONE_FAILED": not any(failed),
        "ALL_DONE": True,
        "AT_LEAST_ONE_FAILED": any(failed),
        "ALL_FAILED": all(failed),
    }[run_if]
    if met:
        return None
    return EXCLUDED if run_if in ("AT_LEAST_ONE_FAILED", "ALL_FAILED") else UPSTREAM_FAILED


class JobRunner:
    """One job run over `tasks`: `execute(task, attempt)` runs an attempt in a worker thread and raises on failure.

    `max_workers` bounds the tasks running at once (default: the DAG's width). With `job_groups`
    (the SparkContext), every attempt runs its Spark jobs under a job group of its own, which
    `cancel()` cancels.
    """

    def __init__(
        self,
        tasks: Sequence[Task],
        execute: Callable[[Task, int], None],
        *,
        max_workers: int | None = None,
        job_groups: JobGroups | None = None,
        on_start: Callable[[Task, int], None] | None = None,
        on_end: Callable[[Task, TaskRun], None] | None = None,
    ) -> None:
        check_dag(tasks)
        self.tasks = {t.key: t for t in tasks}
        self.execute = execute
        self.max_workers = max_workers or width(tasks)
        self.job_groups = job_groups
        self.on_start = on_start
        self.on_end = on_end
        self._cancelled = threading.Event()
        self._lock = threading.Lock()
        self._running_groups: dict[str, str] = {}
        self._run_id = ""

    def cancel(self) -> None:
        """Cancels the run: running attempts' Spark jobs are interrupted, no retry or new task starts but failure handlers."""
        self._cancelled.set()
        with self._lock:
            groups = list(self._running_groups.values())
        if self.job_groups is not None:
            for group in groups:
                self.job_groups.cancelJobGroup(group)

    def kill(self, key: str) -> None:
        """Interrupts the Spark jobs of one task's running attempt, as a lost executor or a kill does; the task's retries apply."""
        with self._lock:
            group = self._running_groups.get(key)
        if group is not None and self.job_groups is not None:
            self.job_groups.cancelJobGroup(group)

    def run(self, run_id: str) -> JobRun:
        self._run_id = run_id
        results: dict[str, TaskRun] = {}
        pending = set(self.tasks)
        running: dict[Future[TaskRun], str] = {}
        with ThreadPoolExecutor(max_workers=self.max_workers, thread_name_prefix=f"job-{run_id}") as pool:
            while pending or running:
                # A task marked without running can make its dependents ready: repeat until none is.
                while ready := self._ready(pending, results):
                    for key in ready:
                        pending.discard(key)
                        verdict = self._verdict(self.tasks[key], results)
                        if verdict is None:
                            running[pool.submit(self._run_task, self.tasks[key])] = key
                        else:
                            self._finish(self.tasks[key], TaskRun(key, verdict), results)
                if running:
                    done, _ = wait(running, return_when=FIRST_COMPLETED)
                    for future in done:
                        self._finish(self.tasks[running.pop(future)], future.result(), results)
        return JobRun(run_id, {k: results[k] for k in sorted(results)})

    def _ready(self, pending: set[str], results: Mapping[str, TaskRun]) -> list[str]:
        """Pending tasks whose dependencies are all done."""
        return [k for k in sorted(pending) if all(d in results for d in self.tasks[k].depends_on)]

    def _verdict(self, task: Task, results: Mapping[str, TaskRun]) -> str | None:
        verdict = run_if_verdict(task.run_if, [results[d].state for d in task.depends_on])
        if verdict is None and self._cancelled.is_set() and task.run_if not in _HANDLES_FAILURE:
            return CANCELED
        return verdict

    def _finish(self, task: Task, run: TaskRun, results: dict[str, TaskRun]) -> None:
        results[task.key] = run
        if self.on_end is not None:
            self.on_end(task, run)

    def _run_task(self, task: Task) -> TaskRun:
        """Every attempt of one task, in this worker thread."""
        run = TaskRun(task.key, FAILED)
        number = 0
        while True:
            number += 1
            attempt = self._attempt(task, number)
            run.attempts.append(attempt)
            if attempt.error is None:
                run.state = SUCCESS
                return run
            run.state = TIMEDOUT if attempt.timed_out else FAILED
            retries_left = task.max_retries == -1 or number <= task.max_retries
            if self._cancelled.is_set():
                run.state = CANCELED
                return run
            if not retries_left or (attempt.timed_out and not task.retry_on_timeout):
                return run
            # The interval runs from the failed attempt's start; a cancel ends the wait.
            if self._cancelled.wait(max(0.0, attempt.start + task.min_retry_interval_s - time.time())):
                run.state = CANCELED
                return run

    def _attempt(self, task: Task, number: int) -> Attempt:
        """One attempt, in a thread of its own so that a timeout can leave it behind."""
        group = f"{self._run_id}/{task.key}/{number}"
        with self._lock:
            self._running_groups[task.key] = group
        if self.on_start is not None:
            self.on_start(task, number)
        start = time.time()
        outcome: list[BaseException | None] = []

        def body() -> None:
            if self.job_groups is not None:
                # Spark's local properties are per thread (pinned threads), so this tags only this attempt's jobs.
                self.job_groups.setJobGroup(group, f"{task.key} attempt {number}", interruptOnCancel=True)
            try:
                self.execute(task, number)
                outcome.append(None)
            except Exception as e:  # a task's failure is its outcome, recorded and retried
                outcome.append(e)

        worker = threading.Thread(target=body, name=f"job-{group}", daemon=True)
        worker.start()
        worker.join(task.timeout_s or None)
        error: BaseException | None
        if worker.is_alive():
            if self.job_groups is not None:
                self.job_groups.cancelJobGroup(group)
            worker.join(CANCEL_GRACE_S)
            error = TaskTimedOut(task)
        else:
            error = outcome[0]
        with self._lock:
            self._running_groups.pop(task.key, None)
        return Attempt(number, start, time.time(), error)
