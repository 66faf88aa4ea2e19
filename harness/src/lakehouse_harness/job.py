"""The job a local run executes: its tasks as the synth output declares them (cdk.tf.json's
databricks_job), with the Jobs API's defaults where a field is left out.

Jobs API fields: https://docs.databricks.com/api/workspace/jobs/create (tasks[].depends_on, run_if,
max_retries, min_retry_interval_millis, notebook_task).
"""

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Run if conditions (https://docs.databricks.com/aws/en/jobs/run-if); ALL_SUCCESS when omitted.
RUN_IF = ("ALL_SUCCESS", "AT_LEAST_ONE_SUCCESS", "NONE_FAILED", "ALL_DONE", "AT_LEAST_ONE_FAILED", "ALL_FAILED")

_NOTEBOOK_REF = re.compile(r"^\$\{databricks_notebook\.([^.]+)\.path\}$")


@dataclass(frozen=True)
class Task:
    """One task of the job: its edges, retry policy and what it runs."""

    key: str
    depends_on: tuple[str, ...] = ()
    run_if: str = "ALL_SUCCESS"
    #: Retries after a failed attempt; -1 retries without end (the Jobs API's meaning).
    max_retries: int = 0
    #: Least time from the start of a failed attempt to the start of its retry.
    min_retry_interval_s: float = 0.0
    #: An attempt running longer is cancelled and the task times out; 0: no limit (the Jobs API's meaning).
    timeout_s: float = 0.0
    #: Whether a timed-out attempt is retried (the Jobs API's default: it is not).
    retry_on_timeout: bool = False
    #: The notebook's base parameters as the job passes them.
    parameters: Mapping[str, str] = field(default_factory=dict)
    #: The notebook file (synth output or generated), None for a task that runs no notebook.
    notebook: Path | None = None

    def __post_init__(self) -> None:
        if self.run_if not in RUN_IF:
            raise ValueError(f"task {self.key}: run_if {self.run_if!r} is not one of {', '.join(RUN_IF)}")
        if self.timeout_s < 0:
            raise ValueError(f"task {self.key}: timeout {self.timeout_s} s must be 0 (no limit) or above")
        if self.max_retries < -1:
            raise ValueError(f"task {self.key}: max_retries {self.max_retries} must be -1 (without end) or 0 and above")


def check_dag(tasks: Sequence[Task]) -> None:
    """Fails on an edge to an unknown task or a cycle, naming them."""
    keys = {t.key for t in tasks}
    unknown = sorted(f"{t.key} -> {d}" for t in tasks for d in t.depends_on if d not in keys)
    if unknown:
        raise ValueError(f"depends_on names tasks the job does not have: {', '.join(unknown)}")
    done: set[str] = set()
    pending = {t.key: set(t.depends_on) for t in tasks}
    while pending:
        ready = [k for k, deps in pending.items() if deps <= done]
        if not ready:
            raise ValueError(f"the tasks' depends_on form a cycle among: {', '.join(sorted(pending))}")
        for k in ready:
            done.add(k)
            del pending[k]


def width(tasks: Sequence[Task]) -> int:
    """The DAG's width: the most tasks that can run at once (its largest antichain).

    By Dilworth's theorem, the task count less a maximum matching in the bipartite graph of the
    transitive closure ("a runs before b").
    """
    check_dag(tasks)
    deps = {t.key: set(t.depends_on) for t in tasks}
    after: dict[str, set[str]] = {}

    def ancestors(key: str) -> set[str]:
        if key not in after:
            after[key] = set(deps[key]).union(*(ancestors(d) for d in deps[key]))
        return after[key]

    later = {k: {b for b in deps if k in ancestors(b)} for k in deps}
    match: dict[str, str] = {}

    def augment(a: str, seen: set[str]) -> bool:
        for b in sorted(later[a]):
            if b not in seen:
                seen.add(b)
                if b not in match or augment(match[b], seen):
                    match[b] = a
                    return True
        return False

    matched = sum(augment(a, set()) for a in sorted(deps))
    return max(len(tasks) - matched, 1)


def _task(spec: Mapping[str, Any], notebooks: Mapping[str, Path]) -> Task:
    """One task; its notebook_path is a reference to a databricks_notebook resource or that notebook's workspace path."""
    notebook_task = spec.get("notebook_task")
    notebook = None
    parameters: dict[str, str] = {}
    if notebook_task is not None:
        ref = _NOTEBOOK_REF.match(notebook_task["notebook_path"])
        notebook = notebooks.get(ref.group(1) if ref else notebook_task["notebook_path"])
        parameters = {str(k): str(v) for k, v in notebook_task.get("base_parameters", {}).items()}
    return Task(
        key=spec["task_key"],
        depends_on=tuple(sorted(d["task_key"] for d in spec.get("depends_on", []))),
        run_if=spec.get("run_if", "ALL_SUCCESS"),
        max_retries=int(spec.get("max_retries", 0)),
        min_retry_interval_s=int(spec.get("min_retry_interval_millis", 0)) / 1000,
        timeout_s=float(spec.get("timeout_seconds", 0)),
        retry_on_timeout=bool(spec.get("retry_on_timeout", False)),
        parameters=parameters,
        notebook=notebook,
    )


def job_from_stack(stack: Path, task_keys: set[str], left_out: frozenset[str] = frozenset()) -> list[Task]:
    """The tasks of the stack's job whose task keys are `task_keys` (the pipeline job), notebooks resolved to the synthesized files.

    The job may also hold tasks of `left_out` (those a local run does not execute, which no task
    depends on); they are not returned.
    """
    resources = json.loads((stack / "cdk.tf.json").read_text()).get("resource", {})
    notebooks = {key: stack / r["source"] for rid, r in resources.get("databricks_notebook", {}).items() for key in (rid, r["path"])}
    jobs = {j["name"]: j["task"] for j in resources.get("databricks_job", {}).values()}
    for tasks in jobs.values():
        if {t["task_key"] for t in tasks} - left_out == task_keys:
            return [_task(t, notebooks) for t in tasks if t["task_key"] not in left_out]
    raise ValueError(f"{stack}/cdk.tf.json has no job with the tasks {sorted(task_keys)}; its jobs: {sorted(jobs)}")
