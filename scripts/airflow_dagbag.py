"""Loads the DAG files of each folder into a real Airflow DagBag and writes, as JSON by folder, the
import errors and what each DAG would do. Run with .venv-airflow (requirements-airflow.txt):

    .venv-airflow/bin/python scripts/airflow_dagbag.py dags.json cdktf.out/airflow [folder ...]

Airflow reads its configuration when first imported, so the throwaway AIRFLOW_HOME (a SQLite
metadata database, no example DAGs) is set before that import.
"""

import json
import os
import sys
import tempfile
from typing import Any


def assets(timetable: Any) -> list[str]:
    """The asset URIs an AssetOrTimeSchedule (a file-arrival environment's DAG) also runs on; none for a cron."""
    condition = getattr(timetable, "asset_condition", None)
    return [asset.uri for asset in condition.objects] if condition is not None else []


def describe(folder: str) -> dict[str, Any]:
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=folder)
    dags = {
        dag_id: {
            "timetable": type(dag.timetable).__name__,
            # An AssetOrTimeSchedule (a file-arrival environment) wraps its cron timetable beside the assets.
            "cron": getattr(dag.timetable, "timetable", dag.timetable).expression,
            "assets": assets(dag.timetable),
            "timezone": dag.timezone.name,
            "catchup": dag.catchup,
            "max_active_runs": dag.max_active_runs,
            "paused_upon_creation": dag.is_paused_upon_creation,
            "deadline": [
                {
                    "reference": alert.reference.reference_name,
                    "interval_s": alert.interval.total_seconds(),
                    "callback": alert.callback.path,
                    "kwargs": alert.callback.kwargs,
                }
                for alert in dag.deadline or []
            ],
            "tasks": {
                task.task_id: {
                    "operator": f"{type(task).__module__}.{type(task).__name__}",
                    "job_name": task.job_name,
                    "job_id": task.job_id,
                    "conn_id": task.databricks_conn_id,
                    "job_parameters": task.job_parameters,
                    "idempotency_token": task.idempotency_token,
                    "repair_run": task.repair_run,
                    "deferrable": task.deferrable,
                    "retries": task.retries,
                    "retry_delay_s": task.retry_delay.total_seconds(),
                    "timeout_s": task.execution_timeout.total_seconds(),
                }
                for task in dag.tasks
            },
        }
        for dag_id, dag in bag.dags.items()
    }
    return {"import_errors": dict(bag.import_errors), "dags": dags}


def main(report: str, folders: list[str]) -> None:
    home = tempfile.mkdtemp(prefix="airflow-home-")
    os.environ["AIRFLOW_HOME"] = home
    os.environ["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] = f"sqlite:///{home}/airflow.db"
    os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
    with open(report, "w", encoding="utf-8") as f:
        json.dump({folder: describe(folder) for folder in folders}, f)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
