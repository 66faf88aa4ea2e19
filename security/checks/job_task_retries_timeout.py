"""Every job task retries transient failures and has a timeout, so a hung task cannot block the pipeline."""

from typing import Any

from hcl import as_int, blocks, value
from lakehouse_check import LakehouseCheck


class JobTaskRetriesTimeout(LakehouseCheck):
    def __init__(self) -> None:
        super().__init__(
            "CKV_LH_6",
            "Ensure every Databricks job task has max_retries >= 1 and timeout_seconds > 0",
            "databricks_job",
            ["task/[*]/max_retries", "task/[*]/timeout_seconds"],
        )

    def passes(self, conf: dict[str, Any]) -> bool:
        tasks = blocks(conf, "task")
        return bool(tasks) and all(
            (as_int(value(t, "max_retries")) or 0) >= 1 and (as_int(value(t, "timeout_seconds")) or 0) > 0 for t in tasks
        )


check = JobTaskRetriesTimeout()
