"""No job runs on an existing interactive cluster: job clusters are cheaper, isolated and reproducible."""

from checkov.common.models.enums import CheckCategories, CheckResult
from checkov.terraform.checks.resource.base_resource_check import BaseResourceCheck
from hcl import blocks


class JobNoExistingCluster(BaseResourceCheck):
    def __init__(self) -> None:
        super().__init__(
            name="Ensure no Databricks job task runs on an existing interactive cluster (existing_cluster_id)",
            id="CKV_LH_5",
            categories=[CheckCategories.GENERAL_SECURITY],
            supported_resources=["databricks_job"],
        )

    def scan_resource_conf(self, conf):
        self.evaluated_keys = ["existing_cluster_id", "task/[*]/existing_cluster_id"]
        holders = [conf, *blocks(conf, "task")]
        return (
            CheckResult.FAILED
            if any(h.get("existing_cluster_id") for h in holders)
            else CheckResult.PASSED
        )


check = JobNoExistingCluster()
