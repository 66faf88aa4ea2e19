"""The data interval an Airflow run passes as job parameters, and whether the landing layout serves it.

The landing location holds one folder per dataset, with no folder per interval: bronze ingests every
file it has not ingested yet (Auto Loader's checkpoint), whenever the file landed, and silver takes
bronze's new rows. A run therefore serves the interval that is due now. A backfill of a past
interval cannot select that interval's files (the run after they landed has ingested them), so it
is refused with the reason, rather than re-running "now" under a past date.

A run Databricks' scheduler or a person starts passes no interval: the parameters are empty.
"""

from . import params

#: Job-level parameters the Airflow DAG passes on run-now (naming/orchestration.ts names them too).
PARAMETERS = ["data_interval_start", "data_interval_end", "airflow_run_type"]
#: Airflow's run type of `airflow backfill create` runs (airflow.utils.types.DagRunType.BACKFILL_JOB).
BACKFILL = "backfill"


class BackfillRefusedError(ValueError):
    """A backfill asked for a past interval the landing layout cannot select."""


def read(dbutils: params.DbUtils) -> dict[str, str]:
    """The interval parameters, empty when the run did not come from Airflow."""
    for name in PARAMETERS:
        dbutils.widgets.text(name, "")
    return {name: dbutils.widgets.get(name) for name in PARAMETERS}


def check(dbutils: params.DbUtils, source: str) -> None:
    """Refuses an Airflow backfill before the task reads `source`; says which interval a run serves."""
    p = read(dbutils)
    interval = f"[{p['data_interval_start']}, {p['data_interval_end']}]"
    if p["airflow_run_type"] == BACKFILL:
        raise BackfillRefusedError(
            f"Airflow backfill of the data interval {interval} refused: {source} has no folder per interval, "
            "and each file is ingested once, by the first run after it lands, so a past interval's files "
            "cannot be selected again. Run the DAG for the current interval instead; it processes every "
            "file not yet ingested."
        )
    if p["data_interval_end"]:
        print(f"Airflow {p['airflow_run_type']} run for the data interval {interval}: {source}, everything not yet processed")
