"""Every cluster policy fixes auto-termination, so no cluster created under it can run idle forever."""

from checkov.common.models.enums import CheckCategories, CheckResult
from checkov.terraform.checks.resource.base_resource_check import BaseResourceCheck
from hcl import as_int, as_json, value


class ClusterPolicyAutoTermination(BaseResourceCheck):
    def __init__(self) -> None:
        super().__init__(
            name="Ensure the Databricks cluster policy fixes autotermination_minutes to a positive value",
            id="CKV_LH_4",
            categories=[CheckCategories.GENERAL_SECURITY],
            supported_resources=["databricks_cluster_policy"],
        )

    def scan_resource_conf(self, conf):
        self.evaluated_keys = ["definition"]
        definition = as_json(value(conf, "definition"))
        rule = (
            definition.get("autotermination_minutes")
            if isinstance(definition, dict)
            else None
        )
        fixed = (
            isinstance(rule, dict)
            and rule.get("type") == "fixed"
            and (as_int(rule.get("value")) or 0) > 0
        )
        return CheckResult.PASSED if fixed else CheckResult.FAILED


check = ClusterPolicyAutoTermination()
