"""One DAG run of a generated DAG, executed by Airflow's own `dag.test()` (.venv-airflow) against a
stub of the Databricks Jobs API (jobs_api_stub.py, on 127.0.0.1, a port the system picks). The stub
fails the job run and the repair of the first try, and lets the retry's repair succeed: the run
shows run-now with the interval as job parameters, the repair in the same try, and an Airflow retry
that gets the same job run back (its idempotency token) and repairs it instead of starting another."""

import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AIRFLOW_PYTHON = ROOT / ".venv-airflow/bin/python"
RUNNER = Path(__file__).resolve().parent / "run_dag.py"
# run_dag.py's logical date; the interval of a manual run of a cron trigger starts and ends on it.
INTERVAL = "2026-03-02T02:30:00+00:00"
PARAMETERS = {"data_interval_start": INTERVAL, "data_interval_end": INTERVAL, "airflow_run_type": "manual"}


@pytest.fixture(scope="module")
def report(variant_dags, tmp_path_factory):
    out = tmp_path_factory.mktemp("dag-run") / "report.json"
    dag_file = variant_dags / "rtl_aws_staging_pipeline.py"
    args = [str(dag_file), "rtl_aws_staging_pipeline", "rtl-staging-pipeline", "databricks_aws_staging", str(out)]
    subprocess.run([str(AIRFLOW_PYTHON), str(RUNNER), *args], check=True, cwd=out.parent, capture_output=True, timeout=300)
    return json.loads(out.read_text())


def calls(report: dict, path: str) -> list[dict]:
    return [c["body"] for c in report["calls"] if c["path"] == f"/api/2.2/jobs/{path}"]


def test_the_dag_run_succeeds_on_its_retry(report):
    assert (report["state"], report["task_state"], report["tries"]) == ("success", "success", 2)


def test_each_try_runs_now_with_the_interval_as_job_parameters_and_one_token(report):
    run_now = calls(report, "run-now")
    assert [{k: v for k, v in body.items() if k != "idempotency_token"} for body in run_now] == [
        {"job_id": 42, "job_parameters": PARAMETERS},
        {"job_id": 42, "job_parameters": PARAMETERS},
    ]
    tokens = {body["idempotency_token"] for body in run_now}
    assert len(tokens) == 1
    assert len(tokens.pop()) == 64


def test_a_failed_run_is_repaired_in_each_try_never_run_again(report):
    assert calls(report, "runs/repair") == [
        {"run_id": 7001, "rerun_all_failed_tasks": True, "job_parameters": PARAMETERS},
        {"run_id": 7001, "rerun_all_failed_tasks": True, "latest_repair_id": 7002, "job_parameters": PARAMETERS},
    ]
    assert {c["path"] for c in report["calls"] if c["method"] == "POST"} == {"/api/2.2/jobs/run-now", "/api/2.2/jobs/runs/repair"}
