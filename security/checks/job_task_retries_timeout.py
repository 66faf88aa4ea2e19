"""Every job task retries transient failures and has a timeout, so a hung task cannot block the pipeline.

A continuous job takes no task retry policy (the Jobs API refuses max_retries there); its
continuous.task_retry_mode ON_FAILURE retries failed tasks instead (https://docs.databricks.com/aws/en/jobs/continuous).
"""

from typing import Any

from hcl import as_int, blocks, value
from lakehouse_check import LakehouseCheck


class JobTaskRetriesTimeout(LakehouseCheck):
    def __init__(self) -> None:
        super().__init__(
            "CKV_LH_6",
            "Ensure every Databricks job task has max_retries >= 1 (a continuous job: task_retry_mode ON_FAILURE) and a timeout",
            "databricks_job",
            ["task/[*]/max_retries", "task/[*]/timeout_seconds", "continuous/[0]/task_retry_mode"],
        )

    def passes(self, conf: dict[str, Any]) -> bool:
        tasks = blocks(conf, "task")
        continuous = blocks(conf, "continuous")
        retried = (
            (lambda _t: value(continuous[0], "task_retry_mode") == "ON_FAILURE")
            if continuous
            else (lambda t: (as_int(value(t, "max_retries")) or 0) >= 1)
        )
        return bool(tasks) and all(retried(t) and (as_int(value(t, "timeout_seconds")) or 0) > 0 for t in tasks)


check = JobTaskRetriesTimeout()
