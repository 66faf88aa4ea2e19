"""The dbt suite's scenario, each step a process of its own (metastore.py says why): per example,
the pipeline on the harness fills silver and the SQL engine's gold (fill_lake.py), then dbt builds
the example's generated project over that silver in session mode; the tests then compare the two
golds in a session of their own."""

import json
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from lakehouse_harness.spark import spark_session
from metastore import hive_conf, submit_args

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
EXAMPLES = {
    "retail": (None, REPO / "__tests__" / "pipeline" / "data" / "batch1"),
    "logistics": (
        "examples/logistics.ts",
        REPO / "__tests__" / "pipeline" / "data-logistics" / "batch1",
    ),
}
# The profile's schema is the target schema the models are written to, as the Databricks dbt task's
# `schema` argument is on the warehouse.
GOLD = "gold"
# The dbt task's commands, in its order (jobs/dbt-task.ts DBT_COMMANDS).
COMMANDS = (["source", "freshness"], ["build"], ["docs", "generate"])


def profile(work: Path) -> dict[str, object]:
    """dbt-spark in session mode: Spark and Delta configured through server_side_parameters, as the harness's session is."""
    delta = f"io.delta:delta-spark_2.13:{version('delta-spark')}"
    parameters = {
        "spark.master": "local[2]",
        "spark.driver.memory": "2g",
        "spark.jars.packages": delta,
        "spark.sql.extensions": "io.delta.sql.DeltaSparkSessionExtension",
        "spark.sql.catalog.spark_catalog": "org.apache.spark.sql.delta.catalog.DeltaCatalog",
        "spark.sql.shuffle.partitions": "4",
        "spark.sql.session.timeZone": "UTC",
        "spark.ui.enabled": "false",
        **hive_conf(work),
    }
    output = {
        "type": "spark",
        "method": "session",
        "host": "NA",
        "schema": GOLD,
        "server_side_parameters": parameters,
    }
    return {"lakehouse_gold": {"target": "local", "outputs": {"local": output}}}


def run(args: list[str], work: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        cwd=work,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )


class Built:
    """Per example: its gold table names, dbt's build results and its project folder (target/ holds the artifacts)."""

    def __init__(self, work: Path):
        self.work = work
        self.gold: dict[str, list[str]] = {}
        self.results: dict[str, list[dict[str, object]]] = {}
        self.projects: dict[str, Path] = {}


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Built:
    work = tmp_path_factory.mktemp("dbt")
    b = Built(work)
    # JSON is YAML: the profile needs no YAML writer here.
    (work / "profiles.yml").write_text(json.dumps(profile(work)))
    dbt = str(Path(sys.executable).parent / "dbt")
    for name, (spec, batch) in EXAMPLES.items():
        env = {
            "PYSPARK_SUBMIT_ARGS": submit_args(work),
            "PYTHONPATH": os.pathsep.join(str(REPO / p) for p in ("harness/src", "runtime/src")),
            "LAKEHOUSE_NOTEBOOKS": "generated",
            "LAKEHOUSE_PLACEHOLDERS": "1",
        }
        if spec:
            env["LAKEHOUSE_SPEC"] = spec
        fill = run(
            [sys.executable, str(HERE / "fill_lake.py"), str(work), name, str(batch)],
            work,
            env,
        )
        assert fill.returncode == 0, fill.stdout + fill.stderr
        project = work / f"dbt-{name}"
        # No usage statistics or version check: CI has no network for them.
        quiet = {
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            "DBT_VERSION_CHECK": "false",
        }
        for command in COMMANDS:
            done = run(
                [dbt, *command, "--project-dir", str(project), "--profiles-dir", str(work)],
                work,
                quiet,
            )
            assert done.returncode == 0, " ".join(command) + "\n" + done.stdout + done.stderr
            # run_results.json is each command's own: keep build's.
            if command == ["build"]:
                b.results[name] = json.loads((project / "target" / "run_results.json").read_text())["results"]
        b.gold[name] = json.loads((work / f"gold-{name}.json").read_text())
        b.projects[name] = project
    return b


@pytest.fixture(scope="session")
def spark(built):
    """A session on the suite's metastore, once dbt's processes are done with it."""
    os.environ["PYSPARK_SUBMIT_ARGS"] = submit_args(built.work)
    session = spark_session(built.work / "warehouse", "dbt-suite-compare")
    yield session
    session.stop()
