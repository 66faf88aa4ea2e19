"""Every job task retries transient failures and has a timeout, so a hung task cannot block the pipeline."""

from checkov.common.models.enums import CheckCategories, CheckResult
from checkov.terraform.checks.resource.base_resource_check import BaseResourceCheck
from hcl import as_int, blocks, value


class JobTaskRetriesTimeout(BaseResourceCheck):
    def __init__(self) -> None:
        super().__init__(
            name="Ensure every Databricks job task has max_retries >= 1 and timeout_seconds > 0",
            id="CKV_LH_6",
            categories=[CheckCategories.GENERAL_SECURITY],
            supported_resources=["databricks_job"],
        )

    def scan_resource_conf(self, conf):
        self.evaluated_keys = ["task/[*]/max_retries", "task/[*]/timeout_seconds"]
        tasks = blocks(conf, "task")
        ok = bool(tasks) and all(
            (as_int(value(t, "max_retries")) or 0) >= 1
            and (as_int(value(t, "timeout_seconds")) or 0) > 0
            for t in tasks
        )
        return CheckResult.PASSED if ok else CheckResult.FAILED


check = JobTaskRetriesTimeout()
