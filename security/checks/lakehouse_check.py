"""The shape every custom check shares: an id, what it ensures, the one resource type it reads, the
keys it evaluates (for checkov's report), and a yes/no answer over the resource's configuration."""

from __future__ import annotations

from abc import abstractmethod
from typing import Any

from checkov.common.models.enums import CheckCategories, CheckResult
from checkov.terraform.checks.resource.base_resource_check import BaseResourceCheck


class LakehouseCheck(BaseResourceCheck):
    def __init__(
        self,
        check_id: str,
        name: str,
        resource: str,
        keys: list[str],
        category: CheckCategories = CheckCategories.GENERAL_SECURITY,
    ) -> None:
        super().__init__(name=name, id=check_id, categories=[category], supported_resources=[resource])
        self.keys = keys

    def scan_resource_conf(self, conf: dict[str, list[Any]]) -> CheckResult:
        self.evaluated_keys = list(self.keys)
        return CheckResult.PASSED if self.passes(conf) else CheckResult.FAILED

    @abstractmethod
    def passes(self, conf: dict[str, Any]) -> bool:
        """Whether the resource complies; `conf` is checkov's view of it (see hcl.py)."""
