"""Runs any platform's generated pipeline notebooks on local Spark + Delta, as a Databricks job would.

No pipeline logic lives here: names, paths and parameter values come from the TypeScript plan
(scripts/pipeline-plan.ts, for the example or the LAKEHOUSE_SPEC platform), the notebooks from a
stack's synth output (LAKEHOUSE_STACK, default cdktf.out/stacks/aws-dev), the logic from the runtime
package the notebooks import (runtime/src, passed as runtime_path like the job passes its workspace
folder). This module only provides what a cluster provides (a SparkSession, dbutils widgets) and
runs the cells in order.
"""

import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_STACK = REPO / "cdktf.out" / "stacks" / "aws-dev"
CELL_SEPARATOR = "\n# COMMAND ----------\n"
LAYERS = ("bronze", "silver", "gold")


def spark_session(warehouse, app_name="lakehouse-local"):
    """A local SparkSession with Delta Lake; the jars come from Maven Central on first use."""
    from delta import configure_spark_with_delta_pip
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.master(os.environ.get("SPARK_MASTER", "local[*]"))
        .appName(app_name)
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.warehouse.dir", str(warehouse))
        .config("spark.sql.shuffle.partitions", os.environ.get("SPARK_SHUFFLE_PARTITIONS", "4"))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        # Sized for one machine: Delta's defaults (50 snapshot partitions, 10000 listing tasks in
        # VACUUM) are meant for clusters and dominate the run time of a small local lake.
        .config("spark.databricks.delta.snapshotPartitions", "2")
        .config("spark.sql.sources.parallelPartitionDiscovery.parallelism", "4")
        .config("spark.driver.memory", os.environ.get("SPARK_DRIVER_MEMORY", "4g"))
        .config("spark.sql.session.timeZone", "UTC")
        # ANSI mode as on the job clusters: on by default from Spark 4.0 and Databricks Runtime 17.0
        # (https://docs.databricks.com/aws/en/sql/language-manual/sql-ref-ansi-compliance); pinned here
        # so a changed default cannot make the local engine lenient where the cluster fails.
        .config("spark.sql.ansi.enabled", "true")
    )
    spark = configure_spark_with_delta_pip(builder).getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    for layer in LAYERS:
        spark.sql(f"CREATE SCHEMA IF NOT EXISTS spark_catalog.{layer}")
    return spark


class Widgets:
    """dbutils.widgets: values the job passes win over the notebook's defaults."""

    def __init__(self, values):
        self._values = dict(values)

    def text(self, name, defaultValue, label=None):
        self._values.setdefault(name, defaultValue)

    def get(self, name):
        return self._values[name]


class DbUtils:
    def __init__(self, parameters):
        self.widgets = Widgets(parameters)


def load_plan(lake_root, notebook_dir=None):
    """The plan's tasks with their parameter values for a lake at lake_root (from the TypeScript side)."""
    args = ["npx", "--no-install", "tsx", "scripts/pipeline-plan.ts", str(lake_root)]
    if notebook_dir is not None:
        args.append(str(notebook_dir))
    out = subprocess.run(args, cwd=REPO, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def stack_dir():
    """The synth output folder whose notebooks run: LAKEHOUSE_STACK, else the example's aws-dev stack."""
    return Path(os.environ.get("LAKEHOUSE_STACK", DEFAULT_STACK)).resolve()


def synth_notebooks(stack):
    """Notebook files of a stack's synth output, by notebook name; None without synth output."""
    stack_file = stack / "cdk.tf.json"
    if not stack_file.exists():
        return None
    resources = json.loads(stack_file.read_text()).get("resource", {}).get("databricks_notebook", {})
    if not resources:
        return None
    return {Path(r["path"]).name: stack / r["source"] for r in resources.values()}


def notebooks_for(plan_tasks, scratch, found):
    """Each task's notebook: from the synth output when there is one, else freshly generated."""
    if found is not None:
        return {t["taskKey"]: found[t["notebookName"]] for t in plan_tasks}, "synth"
    return {t["taskKey"]: Path(scratch) / t["fileName"] for t in plan_tasks}, "generated"


def cells(source):
    """The code cells of a Databricks source notebook (markdown cells are all `# MAGIC` lines)."""
    for cell in source.split(CELL_SEPARATOR):
        lines = [line for line in cell.splitlines() if line.strip() and line != "# Databricks notebook source"]
        if lines and not all(line.startswith("# MAGIC") for line in lines):
            yield cell


def run_notebook(spark, path, parameters):
    """Executes the notebook's cells in order in one namespace, as a notebook task does."""
    namespace = {"__name__": "__main__", "spark": spark, "dbutils": DbUtils(parameters)}
    source = Path(path).read_text()
    for i, cell in enumerate(cells(source)):
        exec(compile(cell, f"{path}[cell {i}]", "exec"), namespace)  # noqa: S102 - running notebook cells is the harness's job
    return namespace


def task_order(tasks):
    """Tasks in dependency order (ties by key), as the job's DAG runs them one at a time."""
    done, ordered, pending = set(), [], sorted(tasks, key=lambda t: t["taskKey"])
    while pending:
        ready = next(t for t in pending if set(t["dependsOn"]) <= done)
        ordered.append(ready)
        done.add(ready["taskKey"])
        pending.remove(ready)
    return ordered


def job_parameters(task, run_id):
    """The widget values with the job's {{job.run_id}} filled in, as Databricks does."""
    return {k: v.replace("{{job.run_id}}", str(run_id)) for k, v in task["parameters"].items()}


class LocalPipeline:
    """A platform's pipeline over a local lake folder: landing files in, Delta tables out."""

    def __init__(self, spark, lake_root, scratch=None):
        self.spark = spark
        self.lake_root = Path(lake_root)
        self.scratch = Path(scratch or tempfile.mkdtemp(prefix="lakehouse-notebooks-"))
        # LAKEHOUSE_NOTEBOOKS=generated runs freshly generated notebooks even when synth output exists.
        found = None if os.environ.get("LAKEHOUSE_NOTEBOOKS") == "generated" else synth_notebooks(stack_dir())
        self.plan = load_plan(self.lake_root, None if found is not None else self.scratch)
        self.notebooks, self.notebook_source = notebooks_for(self.plan["tasks"], self.scratch, found)
        self.runs = 0

    @property
    def landing(self):
        return self.lake_root / "landing"

    def land(self, batch_dir):
        """Copies a batch of landing files (one folder per dataset) into the landing location."""
        for dataset_dir in sorted(Path(batch_dir).iterdir()):
            target = self.landing / dataset_dir.name
            target.mkdir(parents=True, exist_ok=True)
            for f in sorted(dataset_dir.iterdir()):
                shutil.copy2(f, target / f.name)

    def run(self, layers=None, on_task=None, on_start=None):
        """One job run: every task of the job (or of the given layers) in DAG order, with a fresh run id."""
        self.runs += 1
        run_id = f"local-{self.runs}"
        for task in task_order(self.plan["tasks"]):
            if layers is None or task["layer"] in layers:
                if on_start:
                    on_start(task)
                started = time.perf_counter()
                self.run_task(task["taskKey"], run_id)
                if on_task:
                    on_task(task, time.perf_counter() - started)
        return run_id

    def run_task(self, task_key, run_id, overrides=None):
        """One task's notebook, with the widget values the job passes it (`overrides` replace some, as a run's parameters do)."""
        task = next(t for t in self.plan["tasks"] if t["taskKey"] == task_key)
        return run_notebook(self.spark, self.notebooks[task_key], {**job_parameters(task, run_id), **(overrides or {})})

    def tables(self):
        """Every table the pipeline wrote, as layer.table."""
        return [f"{layer}.{t.name}" for layer in LAYERS for t in sorted(self.spark.catalog.listTables(f"spark_catalog.{layer}"), key=lambda t: t.name)]

    def counts(self):
        return {name: self.spark.table(f"spark_catalog.{name}").count() for name in self.tables()}

    def quarantined_by_rule(self):
        """Quarantined rows per silver table and rule, over every run."""
        out = {}
        for dataset in self.plan["datasets"]:
            table = f"spark_catalog.silver.{dataset['name']}_quarantine"
            if self.spark.catalog.tableExists(table):
                rows = self.spark.sql(f"SELECT rule, count(*) AS n FROM {table} LATERAL VIEW explode(_failed_rules) r AS rule GROUP BY rule").collect()
                out[dataset["name"]] = {r["rule"]: r["n"] for r in sorted(rows, key=lambda r: r["rule"])}
        return out


def print_progress_start(task):
    print(f"  ▶ {task['taskKey']:<26} started {time.strftime('%H:%M:%S')}", flush=True)


def print_progress_end(task, seconds):
    print(f"  ✓ {task['taskKey']:<26} ended   {time.strftime('%H:%M:%S')}  {seconds:7.1f} s", flush=True)


def print_layer_tables(pipeline):
    """One table per layer: each table's rows, and for silver the rows quarantined by rule."""
    counts = pipeline.counts()
    quarantined = pipeline.quarantined_by_rule()
    for layer in LAYERS:
        print(f"\n  {layer:<40} {'rows':>10}")
        for name, count in counts.items():
            if name.startswith(f"{layer}."):
                print(f"  {name:<40} {count:>10}")
    for dataset, rules in quarantined.items():
        if rules:
            print(f"\n  quarantined rows of silver.{dataset} by rule")
            for rule, n in rules.items():
                print(f"    {rule:<56} {n:>8}")
