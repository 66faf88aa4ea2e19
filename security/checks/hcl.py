"""Reading checkov's view of a cdk.tf.json resource.

The terraform_json framework hands a check each resource the way HCL parsing would: every scalar
wrapped in a one-element list and every nested block a list of dicts. These helpers unwrap that.
"""

from __future__ import annotations

import json
from typing import Any


def value(conf: dict[str, Any], key: str) -> Any:
    """The scalar under `key`, unwrapped from checkov's one-element list; None when absent."""
    raw = conf.get(key)
    return raw[0] if isinstance(raw, list) and len(raw) == 1 else raw


def blocks(conf: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """The nested blocks under `key` (a task, a new_cluster, ...); [] when absent."""
    raw = conf.get(key) or []
    return [b for b in (raw if isinstance(raw, list) else [raw]) if isinstance(b, dict)]


def as_int(raw: Any) -> int | None:
    """An integer setting, or None when it is missing or not a literal (an unresolved reference)."""
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def as_json(raw: Any) -> Any:
    """A JSON-encoded attribute (a policy, a cluster-policy definition) as data; None if not literal JSON."""
    if isinstance(raw, (dict, list)):
        return raw
    try:
        return json.loads(raw)
    except (TypeError, ValueError):
        return None
