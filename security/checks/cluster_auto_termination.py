"""Every all-purpose cluster terminates when idle: a forgotten cluster bills around the clock."""

from typing import Any

from hcl import as_int, value
from lakehouse_check import LakehouseCheck


class ClusterAutoTermination(LakehouseCheck):
    def __init__(self) -> None:
        super().__init__(
            "CKV_LH_3",
            "Ensure the Databricks cluster auto-terminates (autotermination_minutes > 0)",
            "databricks_cluster",
            ["autotermination_minutes"],
        )

    def passes(self, conf: dict[str, Any]) -> bool:
        minutes = as_int(value(conf, "autotermination_minutes"))
        return minutes is not None and minutes > 0


check = ClusterAutoTermination()
