import threading
import time

import pytest
from fakes import Killed, RecordingJobGroups, Script, fail

from lakehouse_harness import runner as runner_module
from lakehouse_harness.job import Task
from lakehouse_harness.runner import (
    CANCELED,
    EXCLUDED,
    FAILED,
    SUCCESS,
    TIMEDOUT,
    UPSTREAM_FAILED,
    JobRunner,
    TaskTimedOut,
    run_if_verdict,
)


def states(run):
    return {k: t.state for k, t in run.tasks.items()}


def test_independent_tasks_overlap():
    barrier = threading.Barrier(2, timeout=10)  # breaks unless both tasks wait at once
    script = Script({"a": [barrier.wait], "b": [barrier.wait]})
    run = JobRunner([Task("a"), Task("b"), Task("c", ("a", "b"))], script).run("r")
    assert states(run) == {"a": SUCCESS, "b": SUCCESS, "c": SUCCESS}
    a, b, c = (run.tasks[k] for k in "abc")
    assert a.start < b.end
    assert b.start < a.end
    assert c.start >= max(a.end, b.end)


def test_by_default_as_many_tasks_run_at_once_as_the_dag_is_wide():
    active, peak, lock = [0], [0], threading.Lock()

    def busy():
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.3)
        with lock:
            active[0] -= 1

    tasks = [Task("root"), *(Task(f"t{i}", ("root",)) for i in range(3)), Task("last", ("t0", "t1", "t2"))]
    JobRunner(tasks, Script({t.key: [busy] for t in tasks})).run("r")
    assert peak[0] == 3


def test_max_workers_bounds_the_tasks_running_at_once():
    active, peak, lock = [0], [0], threading.Lock()

    def busy():
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.1)
        with lock:
            active[0] -= 1

    tasks = [Task(f"t{i}") for i in range(4)]
    JobRunner(tasks, Script({t.key: [busy] for t in tasks}), max_workers=2).run("r")
    assert peak[0] == 2


def test_a_failing_task_is_retried_up_to_max_retries():
    script = Script({"a": [fail, fail, fail, fail]})
    run = JobRunner([Task("a", max_retries=2)], script).run("r")
    assert run.tasks["a"].state == FAILED
    assert script.calls == [("a", 1), ("a", 2), ("a", 3)]
    assert [type(a.error) for a in run.tasks["a"].attempts] == [RuntimeError] * 3


def test_a_task_that_fails_once_succeeds_on_its_retry_after_the_interval():
    script = Script({"a": [fail]})
    run = JobRunner([Task("a", max_retries=1, min_retry_interval_s=0.3)], script).run("r")
    first, second = run.tasks["a"].attempts
    assert run.tasks["a"].state == SUCCESS
    assert (first.error is not None, second.error) == (True, None)
    assert second.start - first.start >= 0.3


def test_without_retries_one_failure_fails_the_task():
    run = JobRunner([Task("a")], Script({"a": [fail]})).run("r")
    assert (run.tasks["a"].state, len(run.tasks["a"].attempts)) == (FAILED, 1)


def test_a_failing_task_marks_its_dependents_upstream_failed_and_they_never_run():
    script = Script({"a": [fail]})
    run = JobRunner([Task("a"), Task("b", ("a",)), Task("c", ("b",)), Task("d")], script).run("r")
    assert states(run) == {"a": FAILED, "b": UPSTREAM_FAILED, "c": UPSTREAM_FAILED, "d": SUCCESS}
    assert sorted(script.calls) == [("a", 1), ("d", 1)]
    assert (run.tasks["b"].attempts, run.tasks["b"].start, run.tasks["b"].duration) == ([], None, 0.0)
    assert not run.succeeded


# Each condition after dependencies (ok, bad) that both succeeded, one failed, both failed.
RUN_IF = {
    "ALL_SUCCESS": (SUCCESS, UPSTREAM_FAILED, UPSTREAM_FAILED),
    "AT_LEAST_ONE_SUCCESS": (SUCCESS, SUCCESS, UPSTREAM_FAILED),
    "NONE_FAILED": (SUCCESS, UPSTREAM_FAILED, UPSTREAM_FAILED),
    "ALL_DONE": (SUCCESS, SUCCESS, SUCCESS),
    "AT_LEAST_ONE_FAILED": (EXCLUDED, SUCCESS, SUCCESS),
    "ALL_FAILED": (EXCLUDED, EXCLUDED, SUCCESS),
}


@pytest.mark.parametrize("run_if", sorted(RUN_IF))
@pytest.mark.parametrize("failing", [(), ("bad",), ("ok", "bad")], ids=["none-failed", "one-failed", "both-failed"])
def test_run_if_decides_whether_a_task_runs_after_its_dependencies(run_if, failing):
    script = Script({k: [fail] for k in failing})
    run = JobRunner([Task("ok"), Task("bad"), Task("t", ("bad", "ok"), run_if=run_if)], script).run("r")
    expected = RUN_IF[run_if][len(failing)]
    assert run.tasks["t"].state == expected
    assert (("t", 1) in script.calls) == (expected == SUCCESS)


def test_an_upstream_failed_dependency_counts_as_failed():
    assert run_if_verdict("ALL_FAILED", [UPSTREAM_FAILED, FAILED]) is None
    assert run_if_verdict("NONE_FAILED", [SUCCESS, UPSTREAM_FAILED]) == UPSTREAM_FAILED


def test_an_excluded_dependency_counts_as_succeeded_and_all_excluded_excludes():
    assert run_if_verdict("ALL_SUCCESS", [EXCLUDED, SUCCESS]) is None
    assert run_if_verdict("ALL_DONE", [EXCLUDED, EXCLUDED]) == EXCLUDED
    script = Script()
    run = JobRunner([Task("a"), Task("cleanup", ("a",), run_if="ALL_FAILED"), Task("after", ("cleanup",))], script).run("r")
    assert states(run) == {"a": SUCCESS, "cleanup": EXCLUDED, "after": EXCLUDED}
    assert run.succeeded


def test_each_attempt_runs_in_a_job_group_of_its_own_set_in_its_worker_thread():
    groups = RecordingJobGroups()
    JobRunner([Task("a", max_retries=1), Task("b")], Script({"a": [fail]}), job_groups=groups).run("r7")
    assert sorted(g for _, g in groups.set) == ["r7/a/1", "r7/a/2", "r7/b/1"]
    assert all(thread.startswith("job-r7") for thread, _ in groups.set)


def test_a_task_killed_mid_run_is_retried():
    groups = RecordingJobGroups()
    started = threading.Event()
    script = Script({"slow": [lambda: (started.set(), groups.block_until_cancelled())[1]]})
    runner = JobRunner([Task("slow", max_retries=1), Task("next", ("slow",))], script, job_groups=groups)
    killer = threading.Thread(target=lambda: (started.wait(10), runner.kill("slow")))
    killer.start()
    run = runner.run("r")
    killer.join()
    assert groups.cancelled == ["r/slow/1"]
    assert states(run) == {"slow": SUCCESS, "next": SUCCESS}
    assert [type(a.error) for a in run.tasks["slow"].attempts] == [Killed, type(None)]


def test_cancelling_the_run_cancels_what_runs_and_what_is_left_but_failure_handlers():
    groups = RecordingJobGroups()
    started = threading.Event()
    script = Script({"slow": [lambda: (started.set(), groups.block_until_cancelled())[1]]})
    tasks = [Task("slow", max_retries=3), Task("next", ("slow",)), Task("report", ("slow",), run_if="ALL_DONE")]
    runner = JobRunner(tasks, script, job_groups=groups)
    canceller = threading.Thread(target=lambda: (started.wait(10), runner.cancel()))
    canceller.start()
    run = runner.run("r")
    canceller.join()
    assert states(run) == {"slow": CANCELED, "next": UPSTREAM_FAILED, "report": SUCCESS}
    assert len(run.tasks["slow"].attempts) == 1


def test_an_attempt_past_its_timeout_is_cancelled_and_the_task_times_out_without_a_retry_by_default():
    groups = RecordingJobGroups()
    script = Script({"slow": [groups.block_until_cancelled]})
    tasks = [Task("slow", max_retries=2, timeout_s=0.2), Task("next", ("slow",)), Task("report", ("slow",), run_if="ALL_DONE")]
    run = JobRunner(tasks, script, job_groups=groups).run("r")
    assert groups.cancelled == ["r/slow/1"]
    assert states(run) == {"slow": TIMEDOUT, "next": UPSTREAM_FAILED, "report": SUCCESS}
    assert [type(a.error) for a in run.tasks["slow"].attempts] == [TaskTimedOut]
    assert not run.succeeded


def test_a_timed_out_attempt_is_retried_when_retry_on_timeout_is_set():
    groups = RecordingJobGroups()
    script = Script({"slow": [groups.block_until_cancelled]})
    run = JobRunner([Task("slow", max_retries=1, timeout_s=0.2, retry_on_timeout=True)], script, job_groups=groups).run("r")
    assert states(run) == {"slow": SUCCESS}
    assert script.calls == [("slow", 1), ("slow", 2)]


def test_an_attempt_that_ignores_its_cancellation_is_left_behind_after_the_grace(monkeypatch):
    monkeypatch.setattr(runner_module, "CANCEL_GRACE_S", 0.1)
    release = threading.Event()
    script = Script({"stuck": [lambda: release.wait(30)]})
    started = time.time()
    run = JobRunner([Task("stuck", timeout_s=0.2), Task("report", ("stuck",), run_if="ALL_DONE")], script).run("r")
    release.set()
    assert states(run) == {"stuck": TIMEDOUT, "report": SUCCESS}
    assert time.time() - started < 5
