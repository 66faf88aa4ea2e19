"""Every cluster policy fixes auto-termination, so no cluster created under it can run idle forever."""

from typing import Any

from hcl import as_int, as_json, value
from lakehouse_check import LakehouseCheck


class ClusterPolicyAutoTermination(LakehouseCheck):
    def __init__(self) -> None:
        super().__init__(
            "CKV_LH_4",
            "Ensure the Databricks cluster policy fixes autotermination_minutes to a positive value",
            "databricks_cluster_policy",
            ["definition"],
        )

    def passes(self, conf: dict[str, Any]) -> bool:
        definition = as_json(value(conf, "definition"))
        rule = definition.get("autotermination_minutes") if isinstance(definition, dict) else None
        return isinstance(rule, dict) and rule.get("type") == "fixed" and (as_int(rule.get("value")) or 0) > 0


check = ClusterPolicyAutoTermination()
