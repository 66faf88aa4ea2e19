"""Every S3 bucket has a bucket policy that denies requests made without TLS.

checkov's built-in TLS rule for S3 looks only at public buckets, and its terraform_json
runner shows a Python check one resource at a time while its YAML graph checks do not reach
data.aws_iam_policy_document. So this check reads the bucket policies and policy documents of the
file being scanned: `self.entity_path` starts with that file, relative to the working directory
when checkov runs with `-f <file>` (as security/scan.py does).
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from typing import Any

from checkov.common.models.enums import CheckCategories
from hcl import as_json, value
from lakehouse_check import LakehouseCheck

DOCUMENT_REF = re.compile(r"^\$\{data\.aws_iam_policy_document\.([\w-]+)\.json\}$")


@lru_cache(maxsize=16)
def _stack(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        stack: dict[str, Any] = json.load(f)
    return stack


def _denies_plain_http(statement: dict[str, Any]) -> bool:
    """A Deny whose condition is aws:SecureTransport false, in policy JSON or aws_iam_policy_document form."""
    if str(statement.get("Effect", statement.get("effect"))).lower() != "deny":
        return False
    secure = ((statement.get("Condition") or {}).get("Bool") or {}).get("aws:SecureTransport")
    if [str(v).lower() for v in (secure if isinstance(secure, list) else [secure])] == ["false"]:
        return True
    return any(
        c.get("test") == "Bool"
        and c.get("variable") == "aws:SecureTransport"
        and [str(v).lower() for v in c.get("values", [])] == ["false"]
        for c in statement.get("condition") or []
    )


def _statements(stack: dict[str, Any], policy: Any) -> list[dict[str, Any]]:
    match = DOCUMENT_REF.match(policy) if isinstance(policy, str) else None
    if match:
        document = stack.get("data", {}).get("aws_iam_policy_document", {}).get(match.group(1), {})
        return document.get("statement") or []
    parsed = as_json(policy)
    statements = parsed.get("Statement") if isinstance(parsed, dict) else None
    return statements if isinstance(statements, list) else [statements] if isinstance(statements, dict) else []


class S3BucketTlsOnly(LakehouseCheck):
    def __init__(self) -> None:
        super().__init__(
            "CKV_LH_1",
            "Ensure every S3 bucket has a bucket policy denying requests without TLS (aws:SecureTransport false)",
            "aws_s3_bucket",
            [],
            CheckCategories.NETWORKING,
        )

    def passes(self, conf: dict[str, Any]) -> bool:
        scanned_file, _, name = self.entity_path.rsplit(":", 2)
        path = os.path.join(os.getcwd(), scanned_file.lstrip("/"))
        if not os.path.isfile(path):
            self.details.append(f"cannot read {path}: run checkov with -f <file> from the repository root")
            return False
        stack = _stack(path)
        bucket_name = value(conf, "bucket")
        refs = (f"${{aws_s3_bucket.{name}.id}}", f"${{aws_s3_bucket.{name}.bucket}}")
        policies = [
            p
            for p in stack.get("resource", {}).get("aws_s3_bucket_policy", {}).values()
            if p.get("bucket") in refs or (bucket_name is not None and p.get("bucket") == bucket_name)
        ]
        return any(_denies_plain_http(s) for p in policies for s in _statements(stack, p.get("policy")))


check = S3BucketTlsOnly()
