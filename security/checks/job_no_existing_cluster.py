"""No job runs on an existing interactive cluster: job clusters are cheaper, isolated and reproducible."""

from typing import Any

from hcl import blocks
from lakehouse_check import LakehouseCheck


class JobNoExistingCluster(LakehouseCheck):
    def __init__(self) -> None:
        super().__init__(
            "CKV_LH_5",
            "Ensure no Databricks job task runs on an existing interactive cluster (existing_cluster_id)",
            "databricks_job",
            ["existing_cluster_id", "task/[*]/existing_cluster_id"],
        )

    def passes(self, conf: dict[str, Any]) -> bool:
        return not any(holder.get("existing_cluster_id") for holder in [conf, *blocks(conf, "task")])


check = JobNoExistingCluster()
