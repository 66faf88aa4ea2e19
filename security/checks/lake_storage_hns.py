"""Every lake storage account has a hierarchical namespace: Unity Catalog needs ADLS Gen2 (abfss)."""

from typing import Any

from hcl import value
from lakehouse_check import LakehouseCheck


class LakeStorageHns(LakehouseCheck):
    def __init__(self) -> None:
        super().__init__(
            "CKV_LH_2",
            "Ensure the lake storage account has a hierarchical namespace (is_hns_enabled = true)",
            "azurerm_storage_account",
            ["is_hns_enabled"],
        )

    def passes(self, conf: dict[str, Any]) -> bool:
        return value(conf, "is_hns_enabled") is True


check = LakeStorageHns()
