"""A platform's pipeline over a local lake folder, run as its Databricks job: landing files in, Delta tables out.

Names, paths and parameter values come from the TypeScript plan (scripts/pipeline-plan.ts, for the
example or the LAKEHOUSE_SPEC platform) for a lake at `lake_root`; the job (tasks, edges, run_if,
retries) and its notebooks from a stack's synth output (LAKEHOUSE_STACK, default
cdktf.out/stacks/aws-dev). Without synth output, or with LAKEHOUSE_NOTEBOOKS=generated, the
notebooks are generated from the plan and the job is the plan's DAG with the Jobs API's defaults
(ALL_SUCCESS, no retries).
"""

import dataclasses
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pyspark.sql import SparkSession

from .job import Task, job_from_stack
from .notebook import run_notebook
from .runner import JobRun, JobRunner, TaskRun
from .sessions import AttemptSessions
from .spark import LAYERS

REPO = Path(__file__).resolve().parents[3]
DEFAULT_STACK = REPO / "cdktf.out" / "stacks" / "aws-dev"


class JobFailed(Exception):
    """A job run in which a task failed; `run` holds every task's outcome."""

    def __init__(self, run: JobRun) -> None:
        failed = {k: t for k, t in run.tasks.items() if t.state not in ("SUCCESS", "EXCLUDED")}
        super().__init__(f"job run {run.run_id}: " + ", ".join(f"{k} {t.state}" for k, t in failed.items()))
        self.run = run


def load_plan(lake_root: Path, notebook_dir: Path | None = None) -> dict[str, Any]:
    """The plan's tasks with their parameter values for a lake at lake_root; with notebook_dir, the notebooks written there."""
    args = ["npx", "--no-install", "tsx", "scripts/pipeline-plan.ts", str(lake_root)]
    if notebook_dir is not None:
        args.append(str(notebook_dir))
    out = subprocess.run(args, cwd=REPO, check=True, capture_output=True, text=True).stdout
    plan: dict[str, Any] = json.loads(out)
    return plan


def stack_dir() -> Path:
    """The synth output folder whose job runs: LAKEHOUSE_STACK, else the example's aws-dev stack."""
    return Path(os.environ.get("LAKEHOUSE_STACK", DEFAULT_STACK)).resolve()


#: The plan's tasks a local run leaves out, and why: each needs a library the harness's .venv lacks,
#: and its own suite runs it. Gold waits for the validation task in a validating environment's job;
#: locally it runs without that edge, as in a job without validation.
NOT_RUN_LOCALLY = {
    "validationTasks": "needs great_expectations (.venv-gx), gold runs without waiting for it; __tests__/gx runs it",
    "trainingTasks": "needs MLflow and scikit-learn (.venv-ml); __tests__/ml runs it",
    "scoringTasks": "needs MLflow and scikit-learn (.venv-ml) and a trained model; __tests__/ml runs it",
}


def not_run_locally(plan: dict[str, Any]) -> dict[str, str]:
    """The task keys a local run leaves out, each with its reason."""
    return {t["taskKey"]: reason for kind, reason in NOT_RUN_LOCALLY.items() for t in plan.get(kind, [])}


#: Caps each task's timeout_seconds for a local run (npm test sets it): a hung attempt then times out
#: in minutes and is retried as the job's retry_on_timeout says, where the job's own timeout is an hour.
TIMEOUT_CAP = "LAKEHOUSE_TASK_TIMEOUT_SECONDS"


def capped(timeout_s: float, cap: float) -> float:
    """The task's timeout under the cap (0: no cap; a task timeout of 0 has no limit)."""
    if cap <= 0:
        return timeout_s
    return min(timeout_s, cap) if timeout_s > 0 else cap


def local_job(plan: dict[str, Any], stack: Path | None, scratch: Path) -> list[Task]:
    """The job's tasks with the plan's local parameter values; the synthesized job's when `stack` is given."""
    local = {t["taskKey"]: t for t in plan["tasks"]}
    cap = float(os.environ.get(TIMEOUT_CAP, "0"))
    if stack is None:
        return [
            Task(k, tuple(t["dependsOn"]), timeout_s=capped(0, cap), parameters=t["parameters"], notebook=scratch / t["fileName"])
            for k, t in local.items()
        ]
    left_out = frozenset(not_run_locally(plan))
    tasks = job_from_stack(stack, set(local), left_out)
    drift = [t.key for t in tasks if set(t.parameters) != set(local[t.key]["parameters"])]
    if drift:
        raise ValueError(f"the synthesized job's parameters differ from the plan's for {', '.join(drift)}: synthesize again")
    return [
        dataclasses.replace(
            t,
            parameters=local[t.key]["parameters"],
            depends_on=tuple(d for d in t.depends_on if d not in left_out),
            timeout_s=capped(t.timeout_s, cap),
        )
        for t in tasks
    ]


class LocalPipeline:
    """The pipeline over a local lake folder; `max_workers` bounds the tasks running at once (default: the DAG's width).

    The notebooks run with sessions of `spark`'s kind: given a Spark Connect session (spark.remote_session),
    each attempt gets a Connect session of its own on the same server, as on a standard access mode cluster.
    """

    def __init__(self, spark: SparkSession, lake_root: Path, scratch: Path | None = None, max_workers: int | None = None) -> None:
        self.spark = spark
        self.sessions = AttemptSessions(spark)
        self.lake_root = Path(lake_root)
        self.scratch = Path(scratch or tempfile.mkdtemp(prefix="lakehouse-notebooks-"))
        self.max_workers = max_workers
        # LAKEHOUSE_NOTEBOOKS=generated runs freshly generated notebooks even when synth output exists.
        generated = os.environ.get("LAKEHOUSE_NOTEBOOKS") == "generated" or not (stack_dir() / "cdk.tf.json").exists()
        stack = None if generated else stack_dir()
        self.plan = load_plan(self.lake_root, self.scratch if stack is None else None)
        self.notebook_source = "generated" if stack is None else "synth"
        self.tasks = {t.key: t for t in local_job(self.plan, stack, self.scratch)}
        #: The job's tasks this run leaves out, with the reason.
        self.not_run = not_run_locally(self.plan)
        self.runs = 0

    @property
    def landing(self) -> Path:
        return self.lake_root / "landing"

    def land(self, batch_dir: Path) -> None:
        """Copies a batch of landing files (one folder per dataset) into the landing location."""
        for dataset_dir in sorted(Path(batch_dir).iterdir()):
            target = self.landing / dataset_dir.name
            target.mkdir(parents=True, exist_ok=True)
            for f in sorted(dataset_dir.iterdir()):
                shutil.copy2(f, target / f.name)

    def run(
        self,
        on_start: Callable[[Task, int], None] | None = None,
        on_end: Callable[[Task, TaskRun], None] | None = None,
        check: bool = True,
    ) -> JobRun:
        """One job run with a fresh run id; raises JobFailed when a task failed, unless `check` is False."""
        self.runs += 1
        run_id = f"local-{self.runs}"

        def execute(task: Task, attempt: int) -> None:
            self.run_task(task.key, run_id)

        runner = JobRunner(
            list(self.tasks.values()),
            execute,
            max_workers=self.max_workers,
            job_groups=self.sessions,
            on_start=on_start,
            on_end=on_end,
        )
        result = runner.run(run_id)
        if check and not result.succeeded:
            raise JobFailed(result) from next((t.error for t in result.tasks.values() if t.error is not None), None)
        return result

    def run_task(self, task_key: str, run_id: str, overrides: dict[str, str] | None = None) -> dict[str, Any]:
        """One attempt of one task's notebook (`overrides` replace some parameters, as a run's parameters do),
        in a SparkSession of its own (sessions.AttemptSessions)."""
        task = self.tasks[task_key]
        if task.notebook is None:
            raise ValueError(f"task {task_key} runs no notebook")
        parameters = {k: v.replace("{{job.run_id}}", run_id) for k, v in task.parameters.items()}
        with self.sessions.attempt() as session:
            return run_notebook(session, task.notebook, {**parameters, **(overrides or {})})

    def tables(self) -> list[str]:
        """Every table the pipeline wrote, as layer.table."""
        return [
            f"{layer}.{t.name}"
            for layer in LAYERS
            for t in sorted(self.spark.catalog.listTables(f"spark_catalog.{layer}"), key=lambda t: t.name)
        ]

    def counts(self) -> dict[str, int]:
        return {name: self.spark.table(f"spark_catalog.{name}").count() for name in self.tables()}

    def quarantined_by_rule(self) -> dict[str, dict[str, int]]:
        """Quarantined rows per silver table and rule, over every run."""
        out: dict[str, dict[str, int]] = {}
        for dataset in self.plan["datasets"]:
            table = f"spark_catalog.silver.{dataset['name']}_quarantine"
            if self.spark.catalog.tableExists(table):
                sql = f"SELECT rule, count(*) AS n FROM {table} LATERAL VIEW explode(_failed_rules) r AS rule GROUP BY rule"
                rows = self.spark.sql(sql).collect()
                out[dataset["name"]] = {r["rule"]: r["n"] for r in sorted(rows, key=lambda r: str(r["rule"]))}
        return out
