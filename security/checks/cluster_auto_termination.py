"""Every all-purpose cluster terminates when idle: a forgotten cluster bills around the clock."""

from checkov.common.models.enums import CheckCategories, CheckResult
from checkov.terraform.checks.resource.base_resource_check import BaseResourceCheck
from hcl import as_int, value


class ClusterAutoTermination(BaseResourceCheck):
    def __init__(self) -> None:
        super().__init__(
            name="Ensure the Databricks cluster auto-terminates (autotermination_minutes > 0)",
            id="CKV_LH_3",
            categories=[CheckCategories.GENERAL_SECURITY],
            supported_resources=["databricks_cluster"],
        )

    def scan_resource_conf(self, conf):
        self.evaluated_keys = ["autotermination_minutes"]
        minutes = as_int(value(conf, "autotermination_minutes"))
        return (
            CheckResult.PASSED
            if minutes is not None and minutes > 0
            else CheckResult.FAILED
        )


check = ClusterAutoTermination()
