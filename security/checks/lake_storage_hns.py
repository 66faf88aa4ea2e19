"""Every lake storage account has a hierarchical namespace: Unity Catalog needs ADLS Gen2 (abfss)."""

from checkov.common.models.enums import CheckCategories, CheckResult
from checkov.terraform.checks.resource.base_resource_check import BaseResourceCheck
from hcl import value


class LakeStorageHns(BaseResourceCheck):
    def __init__(self) -> None:
        super().__init__(
            name="Ensure the lake storage account has a hierarchical namespace (is_hns_enabled = true)",
            id="CKV_LH_2",
            categories=[CheckCategories.GENERAL_SECURITY],
            supported_resources=["azurerm_storage_account"],
        )

    def scan_resource_conf(self, conf):
        self.evaluated_keys = ["is_hns_enabled"]
        return (
            CheckResult.PASSED
            if value(conf, "is_hns_enabled") is True
            else CheckResult.FAILED
        )


check = LakeStorageHns()
