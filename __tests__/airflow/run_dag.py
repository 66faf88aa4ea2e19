"""Runs one DAG run of a generated DAG with `dag.test()` against the Jobs API stub and writes what the
operator did as JSON. Run with .venv-airflow (requirements-airflow.txt):

    .venv-airflow/bin/python __tests__/airflow/run_dag.py <dag file> <dag id> <job name> <conn id> <report.json>

The stub fails the job run and its first repair and lets the second repair succeed, so the run needs
the task's Airflow retry. Two settings are shortened so the test takes seconds: the retry delay
(none) and the operator's polling period (1 s). The deadline alert is left out: Airflow 3.3.2's
dag.test() looks the DAG's alerts up by id in the metadata database, where only the DAG processor
writes them (it fails with "'dict' object has no attribute 'hex'"); the DagBag test asserts it.
Airflow reads its configuration when first imported, so the throwaway AIRFLOW_HOME (SQLite metadata, no examples) is set before that import.
"""

import datetime
import json
import os
import sys
import tempfile
from pathlib import Path

from jobs_api_stub import JobsApi

#: The first attempt and the repair in the same try fail; the retry's repair succeeds.
OUTCOMES = ["FAILED", "FAILED", "SUCCESS"]
LOGICAL_DATE = datetime.datetime(2026, 3, 2, 2, 30, tzinfo=datetime.UTC)


def main(dag_file: str, dag_id: str, job_name: str, conn_id: str, report: str) -> None:
    home = tempfile.mkdtemp(prefix="airflow-home-")
    os.environ["AIRFLOW_HOME"] = home
    os.environ["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] = f"sqlite:///{home}/airflow.db"
    os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
    os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(Path(dag_file).parent)
    with JobsApi(job_name, OUTCOMES, lifetime_s=240) as api:
        connection = {"conn_type": "databricks", "host": "127.0.0.1", "port": api.port, "schema": "http", "password": "stub-token"}
        os.environ[f"AIRFLOW_CONN_{conn_id.upper()}"] = json.dumps(connection)

        from airflow.dag_processing.dagbag import DagBag
        from airflow.utils.db import initdb

        initdb()
        bag = DagBag(dag_folder=dag_file)
        dag = bag.dags[dag_id]
        dag.deadline = None
        for task in dag.tasks:
            task.retry_delay = datetime.timedelta(0)
            task.polling_period_seconds = 1
        run = dag.test(logical_date=LOGICAL_DATE)
        ti = run.get_task_instances()[0]
        calls = list(api.calls)
    Path(report).write_text(json.dumps({"state": str(run.state), "task_state": str(ti.state), "tries": ti.try_number, "calls": calls}))


if __name__ == "__main__":
    main(*sys.argv[1:6])
