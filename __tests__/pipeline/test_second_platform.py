"""The second example platform (examples/logistics.ts) end to end on local Spark + Delta: it is
synthesized, its generated notebooks run over sample landing files (data-logistics/), every landing
row ends in silver or in quarantine under the rules it breaks, and the gold aggregate that joins
three datasets equals a computation written out here by hand.

Its tables (carriers, depots, deliveries, delivered_volume) share the session's schemas with the
retail example's but none of their names; silver.quality_results is shared and read by dataset.
"""

import csv
import json
import os
import shutil
import subprocess
from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from lakehouse_harness.pipeline import LocalPipeline

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data-logistics"
SPEC = "examples/logistics.ts"
FOLDERS = {"carriers": "carriers", "depots": "depots", "deliveries": "tracking/deliveries"}
KEYS = {"carriers": ["carrier_id"], "depots": ["depot_id"], "deliveries": ["shipment_id", "stop_no"]}

TYPE = "expect_column_values_to_be_of_type:"
NOT_NULL = "expect_column_values_to_not_be_null:"

# Every landing row that breaks a rule, by (key fields, updated_at) as the file holds them, with
# the names of the rules it breaks in the order silver evaluates them. Every other row passes.
QUARANTINED = {
    "carriers": {
        ("CR002", "2026-01-01 08:00:00"): ["expect_column_values_to_be_unique:carrier_name"],
        ("CR007", "2026-01-02 08:00:00"): ["expect_column_values_to_be_unique:carrier_name"],
        ("cr9", "2026-01-01 08:00:00"): ["expect_column_values_to_match_regex:carrier_id"],
        ("CR006", "2026-01-01 08:00:00"): ["expect_column_values_to_be_in_set:country"],
        (None, "2026-01-01 08:00:00"): [NOT_NULL + "carrier_id"],
        ("CR008", None): [NOT_NULL + "updated_at"],
        ("CR009", "not-a-time"): [TYPE + "updated_at", NOT_NULL + "updated_at"],
    },
    "depots": {
        ("D08", "2026-01-01T08:00:00"): [NOT_NULL + "region"],
        ("D09", "2026-01-01T08:00:00"): ["expect_column_values_to_be_between:capacity"],
        ("D10", "2026-01-01T08:00:00"): [TYPE + "capacity"],
        # A truncated line: nothing is read but the line itself, so every not-null rule fails too.
        (None, None): ["expect_row_to_be_well_formed", NOT_NULL + "depot_id", NOT_NULL + "updated_at", NOT_NULL + "region"],
    },
    "deliveries": {
        ("S1100", "1", "2026-01-10 10:00:00"): [NOT_NULL + "carrier_id"],
        ("S1101", "1", "2026-01-10 10:00:00"): ["expect_column_values_to_be_between:weight_kg"],
        ("S1102", "0", "2026-01-10 10:00:00"): ["stop_in_route"],
        ("S1103", "1", "2026-01-10 10:00:00"): ["expect_column_values_to_be_in_set:status"],
        ("X-1", "1", "2026-01-10 10:00:00"): ["expect_column_values_to_match_regex:shipment_id"],
        ("S1104", "1", "2026-01-10 10:00:00"): ["delivered_has_time"],
        ("S1105", "1", "2026-01-10 10:00:00"): [TYPE + "weight_kg"],
        ("S1106", "two", "2026-01-10 10:00:00"): [TYPE + "stop_no", NOT_NULL + "stop_no"],
        ("S1107", "1", None): [NOT_NULL + "updated_at"],
    },
}


def landing_rows(dataset):
    """The landing file's rows as text (empty CSV fields and JSON nulls are None); a JSON line that does not parse is all None."""
    rows = []
    for f in sorted((DATA / "batch1" / FOLDERS[dataset]).glob("*")):
        if f.suffix == ".csv":
            with open(f, newline="") as handle:
                rows += [{k: (v if v != "" else None) for k, v in r.items()} for r in csv.DictReader(handle)]
        else:
            for line in f.read_text().splitlines():
                try:
                    rows.append({k: (None if v is None else str(v)) for k, v in json.loads(line).items()})
                except json.JSONDecodeError:
                    rows.append({})
    return rows


def identity(dataset, row):
    return (*(row.get(k) for k in KEYS[dataset]), row.get("updated_at"))


def parse_ts(text):
    return datetime.fromisoformat(text.replace("T", " "))


def expected_silver(dataset):
    """The passing rows' latest version per key (keys trimmed where the spec trims them)."""
    latest = {}
    for row in landing_rows(dataset):
        if identity(dataset, row) in QUARANTINED[dataset]:
            continue
        key = tuple(int(row[k]) if k == "stop_no" else row[k].strip() for k in KEYS[dataset])
        if key not in latest or parse_ts(row["updated_at"]) > parse_ts(latest[key]["updated_at"]):
            latest[key] = row
    return latest


@pytest.fixture(scope="module")
def logistics(spark, tmp_path_factory):
    """The platform synthesized, its aws-dev notebooks run once over the sample landing files."""
    out = tmp_path_factory.mktemp("logistics-synth") / "cdktf.out"
    env = {**os.environ, "LAKEHOUSE_PLACEHOLDERS": "1", "LAKEHOUSE_SPEC": SPEC, "CDKTF_OUTDIR": str(out)}
    synth = subprocess.run(["npx", "--no-install", "tsx", "main.ts"], cwd=REPO, env=env, capture_output=True, text=True, check=False)
    assert synth.returncode == 0, synth.stderr
    saved = {k: os.environ.get(k) for k in ("LAKEHOUSE_SPEC", "LAKEHOUSE_STACK")}
    os.environ.update({"LAKEHOUSE_SPEC": SPEC, "LAKEHOUSE_STACK": str(out / "stacks" / "aws-dev")})
    try:
        pipeline = LocalPipeline(spark, tmp_path_factory.mktemp("logistics-lake"), tmp_path_factory.mktemp("logistics-notebooks"))
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    shutil.copytree(DATA / "batch1", pipeline.landing, dirs_exist_ok=True)
    pipeline.run_id = pipeline.run().run_id
    return pipeline


def rows(spark, table):
    return [r.asDict() for r in spark.table(f"spark_catalog.{table}").collect()]


def test_the_notebooks_that_run_are_the_synthesized_ones(logistics):
    forced = os.environ.get("LAKEHOUSE_NOTEBOOKS") == "generated"
    assert logistics.notebook_source == ("generated" if forced else "synth")
    assert sorted(t["taskKey"] for t in logistics.plan["tasks"]) == [
        "bronze_carriers", "bronze_deliveries", "bronze_depots", "gold_delivered_volume", "governance", "governance_setup", "maintenance",
        "silver_carriers", "silver_deliveries", "silver_depots",
    ]  # fmt: skip


@pytest.mark.parametrize("dataset", sorted(KEYS))
def test_bronze_holds_every_landing_row(spark, logistics, dataset):
    assert spark.table(f"spark_catalog.bronze.{dataset}").count() == len(landing_rows(dataset))


@pytest.mark.parametrize("dataset", sorted(KEYS))
def test_every_failing_row_is_quarantined_with_the_rules_it_breaks(spark, logistics, dataset):
    quarantine = rows(spark, f"silver.{dataset}_quarantine")
    assert {identity(dataset, r): r["_failed_rules"] for r in quarantine} == QUARANTINED[dataset]
    assert len(quarantine) == len(QUARANTINED[dataset])
    assert {r["_quarantine_run_id"] for r in quarantine} == {logistics.run_id}


@pytest.mark.parametrize("dataset", sorted(KEYS))
def test_every_passing_row_ends_in_silver_latest_version_per_key(spark, logistics, dataset):
    landing = landing_rows(dataset)
    passing = [r for r in landing if identity(dataset, r) not in QUARANTINED[dataset]]
    assert len(passing) + len(QUARANTINED[dataset]) == len(landing)
    expected = expected_silver(dataset)
    silver = {tuple(r[k] for k in KEYS[dataset]): r for r in rows(spark, f"silver.{dataset}")}
    assert set(silver) == set(expected)
    assert {k: r["updated_at"] for k, r in silver.items()} == {k: parse_ts(r["updated_at"]) for k, r in expected.items()}


def test_the_composite_key_keeps_each_stop_and_the_latest_version_of_one(spark, logistics):
    silver = {(r["shipment_id"], r["stop_no"]): r for r in rows(spark, "silver.deliveries")}
    assert sorted(stop for shipment, stop in silver if shipment == "S1001") == [1, 2, 3]
    assert silver[("S1002", 1)]["status"] == "delivered"  # the later of two versions of one key
    assert silver[("S1003", 1)]["shipment_id"] == "S1003"  # trimmed before keying
    assert silver[("S1001", 3)]["status"] == "delivered"  # trimmed and lowercased
    assert silver[("S1001", 1)]["delivery_date"] == date(2026, 1, 10)  # derived
    assert silver[("S1004", 1)]["weight_t"] == Decimal("0.1000")  # derived, typed decimal(10,4)


def test_silver_is_standardised(spark, logistics):
    carriers = {r["carrier_id"]: r for r in rows(spark, "silver.carriers")}
    assert carriers["CR001"]["carrier_name"] == "Speedy Parcels GmbH"  # trimmed, newer version
    assert carriers["CR003"]["country"] == "PL"  # upper-cased
    assert carriers["CR005"]["contact_email"] == "run@rhine.example"  # lower-cased
    depots = {r["depot_id"]: r for r in rows(spark, "silver.depots")}
    assert depots["D01"]["region"] == "north-east" and depots["D01"]["capacity"] == 1500
    assert depots["D03"]["region"] == "south" and depots["D01"]["city"] == "Berlin"


def test_quality_results_count_each_rule_of_the_run(spark, logistics):
    results = [r for r in rows(spark, "silver.quality_results") if r["dataset"] == "deliveries"]
    assert {r["run_id"] for r in results} == {logistics.run_id}
    failed = {r["rule"]: r["failed"] for r in results}
    expected = defaultdict(int)
    for rules in QUARANTINED["deliveries"].values():
        for rule in rules:
            expected[rule] += 1
    assert {rule: n for rule, n in failed.items() if n} == dict(expected)
    assert {r["total"] for r in results} == {len(landing_rows("deliveries"))}


def test_the_three_way_gold_join_equals_a_hand_computation(spark, logistics):
    """deliveries INNER JOIN carriers LEFT JOIN depots, delivered stops only, by day, country and region."""
    carriers = {r["carrier_id"]: r for r in rows(spark, "silver.carriers")}
    depots = {r["depot_id"]: r for r in rows(spark, "silver.depots")}
    groups = defaultdict(list)
    for d in rows(spark, "silver.deliveries"):
        carrier = carriers.get(d["carrier_id"])
        if d["status"] != "delivered" or carrier is None:
            continue
        region = depots[d["depot_id"]]["region"] if d["depot_id"] in depots else None
        groups[(d["delivery_date"], carrier["country"], region)].append(d)
    expected = {
        key: {
            "stops": len(ds),
            "shipments": len({d["shipment_id"] for d in ds}),
            "total_weight_kg": sum(d["weight_kg"] for d in ds),
            "avg_weight_kg": sum(d["weight_kg"] for d in ds) / len(ds),
            "first_delivery": min(d["delivered_at"] for d in ds),
            "last_delivery": max(d["delivered_at"] for d in ds),
        }
        for key, ds in groups.items()
    }
    gold = {(r.pop("delivery_date"), r.pop("country"), r.pop("region")): r for r in rows(spark, "gold.delivered_volume")}
    assert set(gold) == set(expected)
    for key, row in gold.items():
        assert row["stops"] == expected[key]["stops"], key
        assert row["shipments"] == expected[key]["shipments"], key
        assert row["total_weight_kg"] == expected[key]["total_weight_kg"], key
        assert row["avg_weight_kg"] == pytest.approx(expected[key]["avg_weight_kg"]), key
        assert (row["first_delivery"], row["last_delivery"]) == (expected[key]["first_delivery"], expected[key]["last_delivery"]), key
    # The joins at work: a carrier in quarantine drops its stop (inner), an unknown depot keeps it (left).
    assert (date(2026, 1, 11), "DE", None) in gold
    assert sum(r["stops"] for r in gold.values()) == 14
