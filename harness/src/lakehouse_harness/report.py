"""What a local run prints: each task's start and end as they happen, a per-task summary, a table per layer."""

import time

from .job import Task
from .pipeline import LocalPipeline
from .runner import JobRun, TaskRun
from .spark import LAYERS


def print_start(task: Task, attempt: int) -> None:
    again = f" (attempt {attempt})" if attempt > 1 else ""
    print(f"  ▶ {task.key:<26} started {time.strftime('%H:%M:%S')}{again}", flush=True)


def print_end(task: Task, run: TaskRun) -> None:
    mark = "✓" if run.state in ("SUCCESS", "EXCLUDED") else "✗"
    print(f"  {mark} {task.key:<26} {run.state:<15} {time.strftime('%H:%M:%S')}  {run.duration:7.1f} s", flush=True)


def print_summary(run: JobRun) -> None:
    """Per task: state, attempts, start, end and duration."""
    print(f"\n  {'task':<26} {'state':<15} {'attempts':>8} {'start':>9} {'end':>9} {'s':>7}")
    for key, t in run.tasks.items():
        start, end = (time.strftime("%H:%M:%S", time.localtime(x)) if x is not None else "-" for x in (t.start, t.end))
        print(f"  {key:<26} {t.state:<15} {len(t.attempts):>8} {start:>9} {end:>9} {t.duration:7.1f}")


def print_layer_tables(pipeline: LocalPipeline) -> None:
    """One table per layer: each table's rows, and for silver the rows quarantined by rule."""
    counts = pipeline.counts()
    for layer in LAYERS:
        print(f"\n  {layer:<40} {'rows':>10}")
        for name, count in counts.items():
            if name.startswith(f"{layer}."):
                print(f"  {name:<40} {count:>10}")
    for dataset, rules in pipeline.quarantined_by_rule().items():
        if rules:
            print(f"\n  quarantined rows of silver.{dataset} by rule")
            for rule, n in rules.items():
                print(f"    {rule:<56} {n:>8}")
