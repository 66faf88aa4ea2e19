"""The generated Airflow DAGs, loaded in a real Airflow DagBag (.venv-airflow, requirements-airflow.txt):
the example's DAG from the synth output and a variant spec's DAGs written by scripts/airflow-dags.ts.
Each loads with no import error and runs the deployed job by name on the spec's schedule."""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AIRFLOW_PYTHON = ROOT / ".venv-airflow/bin/python"
OPERATOR = "airflow.providers.databricks.operators.databricks.DatabricksRunNowOperator"


def task(retries: int, retry_delay_s: float, timeout_s: float, job: str, conn: str) -> dict:
    return {
        "run_pipeline_job": {
            "operator": OPERATOR,
            "job_name": job,
            "job_id": None,
            "conn_id": conn,
            "retries": retries,
            "retry_delay_s": retry_delay_s,
            "timeout_s": timeout_s,
        }
    }


def dag(cron: str, timezone: str, paused: bool, tasks: dict) -> dict:
    return {
        "timetable": "CronTriggerTimetable",
        "cron": cron,
        "timezone": timezone,
        "catchup": False,
        "max_active_runs": 1,
        "paused_upon_creation": paused,
        "tasks": tasks,
    }


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """One Airflow process loads every folder: the example's synth output, a variant spec, a broken DAG."""
    tmp = tmp_path_factory.mktemp("dags")
    env = {**os.environ, "LAKEHOUSE_PLACEHOLDERS": "1"}
    subprocess.run(
        [
            "npx",
            "tsx",
            "scripts/airflow-dags.ts",
            "__tests__/airflow/variant.ts",
            str(tmp / "variant"),
        ],
        check=True,
        cwd=ROOT,
        env=env,
    )
    broken = tmp / "broken"
    broken.mkdir()
    (broken / "broken.py").write_text("from airflow.sdk import DAG\nfrom airflow.no_such_module import X\n")
    folders = {
        "example": ROOT / "cdktf.out/airflow",
        "variant": tmp / "variant/airflow",
        "broken": broken,
    }
    report = tmp / "dagbag.json"
    subprocess.run(
        [str(AIRFLOW_PYTHON), str(ROOT / "scripts/airflow_dagbag.py"), str(report)] + [str(f) for f in folders.values()],
        check=True,
        cwd=tmp,
        capture_output=True,
    )
    by_folder = json.loads(report.read_text())
    return {name: by_folder[str(folder)] for name, folder in folders.items()}


def test_the_example_dag_runs_the_aws_staging_job(loaded):
    assert loaded["example"] == {
        "import_errors": {},
        "dags": {
            "rtl_aws_staging_pipeline": dag(
                "30 3 * * *",
                "Europe/Amsterdam",
                False,
                task(2, 600.0, 10800.0, "rtl-staging-pipeline", "databricks_aws_staging"),
            )
        },
    }


def test_a_variant_spec_gives_one_dag_per_stack_with_its_own_settings(loaded):
    bag = loaded["variant"]
    defaults = (1, 600.0, 14400.0)
    assert bag["import_errors"] == {}
    assert bag["dags"] == {
        "rtl_aws_dev_pipeline": dag(
            "30 3 * * *",
            "Europe/Amsterdam",
            True,
            task(*defaults, "rtl-dev-pipeline", "databricks_aws_dev"),
        ),
        "rtl_aws_staging_pipeline": dag(
            "30 3 * * *",
            "Europe/Amsterdam",
            False,
            task(2, 600.0, 10800.0, "rtl-staging-pipeline", "databricks_aws_staging"),
        ),
        # Quartz numbers Sunday 1, cron 0: MON-FRI is 2-6 in Quartz, 1-5 in cron.
        "rtl_aws_prod_pipeline": dag(
            "0 */6 * * 1-5",
            "America/New_York",
            False,
            task(*defaults, "rtl-prod-pipeline", "databricks_aws_prod"),
        ),
        "rtl_azure_dev_pipeline": dag(
            "30 3 * * *",
            "Europe/Amsterdam",
            True,
            task(*defaults, "rtl-dev-pipeline", "databricks_azure_dev"),
        ),
        "rtl_azure_staging_pipeline": dag(
            "30 3 * * *",
            "Europe/Amsterdam",
            False,
            task(*defaults, "rtl-staging-pipeline", "databricks_azure_staging"),
        ),
        "rtl_azure_prod_pipeline": dag(
            "15 6 * * MON-FRI",
            "UTC",
            False,
            task(0, 60.0, 7200.0, "rtl-prod-pipeline", "dbx_azure_prod"),
        ),
    }


def test_the_loader_reports_a_dag_that_fails_to_import(loaded):
    assert [Path(f).name for f in loaded["broken"]["import_errors"]] == ["broken.py"]
    assert loaded["broken"]["dags"] == {}
