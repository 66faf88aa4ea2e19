"""Names that are Spark SQL keywords, end to end on local Spark + Delta: reserved-words.ts (a dataset
`order` with columns `order` and `select`, a derived column `from`, a gold aggregate grouped by
`select` with measures `end` and `table`) is synthesized and its notebooks run over a few landing
rows; every name reaches silver, quarantine and gold intact.

Its tables (order, order_quarantine, by_select) share the session's schemas with the other suites'
but none of their names; silver.quality_results is shared and read by dataset.
"""

import json
import os
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from lakehouse_harness.pipeline import LocalPipeline

REPO = Path(__file__).resolve().parents[2]
SPEC = "__tests__/pipeline/reserved-words.ts"

# id, order, select, updated_at: id 2 twice (the later wins), id 4 and 5 each break one rule.
LANDING = [
    ("1", 5, " a ", "2026-01-01T00:00:00"),
    ("2", 7, "b", "2026-01-01T00:00:00"),
    ("3", 9, "a", "2026-01-01T00:00:00"),
    ("2", 8, "b", "2026-01-02T00:00:00"),
    ("4", 500, "a", "2026-01-01T00:00:00"),
    ("5", 1, "c", "2026-01-01T00:00:00"),
]


@pytest.fixture(scope="module")
def reserved(spark, tmp_path_factory):
    """The platform synthesized, its aws-dev notebooks run once over LANDING."""
    out = tmp_path_factory.mktemp("reserved-synth") / "cdktf.out"
    env = {**os.environ, "LAKEHOUSE_PLACEHOLDERS": "1", "LAKEHOUSE_SPEC": SPEC, "CDKTF_OUTDIR": str(out)}
    synth = subprocess.run(["npx", "--no-install", "tsx", "main.ts"], cwd=REPO, env=env, capture_output=True, text=True, check=False)
    assert synth.returncode == 0, synth.stderr
    saved = {k: os.environ.get(k) for k in ("LAKEHOUSE_SPEC", "LAKEHOUSE_STACK")}
    os.environ.update({"LAKEHOUSE_SPEC": SPEC, "LAKEHOUSE_STACK": str(out / "stacks" / "aws-dev")})
    try:
        pipeline = LocalPipeline(spark, tmp_path_factory.mktemp("reserved-lake"), tmp_path_factory.mktemp("reserved-notebooks"))
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    folder = pipeline.landing / "order"
    folder.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"id": i, "order": o, "select": s, "updated_at": t}) for i, o, s, t in LANDING]
    (folder / "batch1.json").write_text("\n".join(lines) + "\n")
    pipeline.run()
    return pipeline


def rows(spark, table):
    return [r.asDict() for r in spark.table(f"spark_catalog.{table}").collect()]


def test_silver_keeps_the_keyword_columns_and_the_derived_one(spark, reserved):
    silver = {r["id"]: (r["order"], r["select"], r["from"], r["updated_at"]) for r in rows(spark, "silver.`order`")}
    assert silver == {
        "1": (5, "a", 10, datetime(2026, 1, 1)),
        "2": (8, "b", 16, datetime(2026, 1, 2)),
        "3": (9, "a", 18, datetime(2026, 1, 1)),
    }


def test_rows_breaking_rules_on_keyword_columns_are_quarantined_by_rule(spark, reserved):
    quarantine = {r["id"]: r["_failed_rules"] for r in rows(spark, "silver.order_quarantine")}
    assert quarantine == {
        "4": ["expect_column_values_to_be_between:order"],
        "5": ["expect_column_values_to_be_in_set:select"],
    }


def test_gold_groups_by_select_with_keyword_measures(spark, reserved):
    gold = {r["select"]: (r["end"], r["table"], r["rows"]) for r in rows(spark, "gold.by_select")}
    assert gold == {"a": (14, 18, 2), "b": (8, 16, 1)}
