"""The generated Airflow DAGs, loaded in a real Airflow DagBag (.venv-airflow, requirements-airflow.txt):
the example's DAG from the synth output and a variant spec's DAGs (conftest.py). Each loads with no
import error and runs the deployed job by name on the spec's schedule: deferred, repaired on failure,
one idempotency token per DAG run, the data interval as job parameters, and a deadline alert where
the spec has e-mail recipients."""

import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AIRFLOW_PYTHON = ROOT / ".venv-airflow/bin/python"
OPERATOR = "airflow.providers.databricks.operators.databricks.DatabricksRunNowOperator"
# The DAG run's data interval and run type, rendered by Airflow when the task runs.
JOB_PARAMETERS = {
    "data_interval_start": "{{ data_interval_start.isoformat() if data_interval_start else '' }}",
    "data_interval_end": "{{ data_interval_end.isoformat() if data_interval_end else '' }}",
    "airflow_run_type": "{{ dag_run.run_type.value }}",
}


def task(retries: int, retry_delay_s: float, timeout_s: float, job: str, conn: str) -> dict:
    return {
        "run_pipeline_job": {
            "operator": OPERATOR,
            "job_name": job,
            "job_id": None,
            "conn_id": conn,
            "job_parameters": JOB_PARAMETERS,
            # One token per DAG run: a retry gets the run its first try started, and repairs it.
            "idempotency_token": "{{ run_token(dag.dag_id, run_id) }}",
            "repair_run": True,
            "deferrable": True,
            "retries": retries,
            "retry_delay_s": retry_delay_s,
            "timeout_s": timeout_s,
        }
    }


def deadline(seconds: float, to: str) -> list[dict]:
    """Mails the spec's recipients when a run is still going `seconds` after it was queued."""
    return [
        {
            "reference": "DagRunQueuedAtDeadline",
            "interval_s": seconds,
            "callback": "airflow.providers.smtp.notifications.smtp.SmtpNotifier",
            "kwargs": {
                "to": [to],
                "subject": f"{{{{ dag_run.dag_id }}}}: run {{{{ dag_run.run_id }}}} still running after {seconds:.0f} s",
            },
        }
    ]


def dag(cron: str, timezone: str, paused: bool, alert: list[dict], tasks: dict, assets: tuple[str, ...] = ()) -> dict:
    """A file-arrival environment's DAG also runs when an asset (its landing location) is updated."""
    return {
        "timetable": "AssetOrTimeSchedule" if assets else "CronTriggerTimetable",
        "cron": cron,
        "assets": list(assets),
        "timezone": timezone,
        "catchup": False,
        "max_active_runs": 1,
        "paused_upon_creation": paused,
        "deadline": alert,
        "tasks": tasks,
    }


SMALL = deadline(3600.0, "data-platform@example.com")
BIG = deadline(5400.0, "data-oncall@example.com")


@pytest.fixture(scope="module")
def loaded(tmp_path_factory, variant_dags):
    """One Airflow process loads every folder: the example's synth output, a variant spec, a broken DAG."""
    tmp = tmp_path_factory.mktemp("dags")
    broken = tmp / "broken"
    broken.mkdir()
    (broken / "broken.py").write_text("from airflow.sdk import DAG\nfrom airflow.no_such_module import X\n")
    folders = {
        "example": ROOT / "cdktf.out/airflow",
        "variant": variant_dags,
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
                SMALL,
                task(2, 600.0, 10800.0, "rtl-staging-pipeline", "databricks_aws_staging"),
            )
        },
    }


def test_a_variant_spec_gives_one_dag_per_stack_with_its_own_settings(loaded):
    bag = loaded["variant"]
    defaults = (1, 600.0, 14400.0)
    assert bag["import_errors"] == {}
    assert bag["dags"] == {
        # File arrival: the landing location's root as an Asset, beside the cron.
        "rtl_aws_dev_pipeline": dag(
            "30 3 * * *",
            "Europe/Amsterdam",
            True,
            SMALL,
            task(*defaults, "rtl-dev-pipeline", "databricks_aws_dev"),
            assets=("s3://rtl-dev-landing-111111111111/",),
        ),
        "rtl_aws_staging_pipeline": dag(
            "30 3 * * *",
            "Europe/Amsterdam",
            False,
            SMALL,
            task(2, 600.0, 10800.0, "rtl-staging-pipeline", "databricks_aws_staging"),
        ),
        # Quartz numbers Sunday 1, cron 0: MON-FRI is 2-6 in Quartz, 1-5 in cron.
        "rtl_aws_prod_pipeline": dag(
            "0 */6 * * 1-5",
            "America/New_York",
            False,
            BIG,
            task(*defaults, "rtl-prod-pipeline", "databricks_aws_prod"),
        ),
        "rtl_azure_dev_pipeline": dag(
            "30 3 * * *",
            "Europe/Amsterdam",
            True,
            SMALL,
            task(*defaults, "rtl-dev-pipeline", "databricks_azure_dev"),
        ),
        "rtl_azure_staging_pipeline": dag(
            "30 3 * * *",
            "Europe/Amsterdam",
            False,
            SMALL,
            task(*defaults, "rtl-staging-pipeline", "databricks_azure_staging"),
        ),
        "rtl_azure_prod_pipeline": dag(
            "15 6 * * MON-FRI",
            "UTC",
            False,
            # Only a webhook destination: no recipient to mail, no deadline alert.
            [],
            task(0, 60.0, 7200.0, "rtl-prod-pipeline", "dbx_azure_prod"),
        ),
    }


def test_the_loader_reports_a_dag_that_fails_to_import(loaded):
    assert [Path(f).name for f in loaded["broken"]["import_errors"]] == ["broken.py"]
    assert loaded["broken"]["dags"] == {}
