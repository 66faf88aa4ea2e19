"""The governance step's mask and row-filter logic, run on local Spark over the sample data.

OSS Spark has no Unity Catalog identity, so a stand-in is_account_group_member (a SQL function in
the default schema, which unqualified names in the generated functions resolve to) answers for the
principal set under test. The generated CREATE FUNCTION statements run verbatim; each masked
column and filtered table is then read through its function, as Unity Catalog would apply it, and
compared with what the mask or filter should produce, computed here independently.
"""

import json
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# The PII readers of the example: customer-care and the admins, who alone may read landing and bronze.
CLEAR_READERS = {"customer-care", "platform-admins"}


@pytest.fixture(scope="module")
def governance():
    out = subprocess.run(
        ["npx", "--no-install", "tsx", "scripts/governance-sql.ts"], cwd=REPO, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out)


@pytest.fixture(scope="module")
def as_principals(spark, scenario, governance):
    """Switches the identity the functions see to members of `groups`, then (re)creates them."""

    def switch(groups):
        members = ", ".join(f"'{g}'" for g in sorted(groups)) or "NULL"
        spark.sql("USE spark_catalog.default")
        spark.sql(
            "CREATE OR REPLACE FUNCTION spark_catalog.default.is_account_group_member(g STRING) RETURNS BOOLEAN "
            f"RETURN array_contains(array({members}), g)"
        )
        for function in governance["functions"]:
            spark.sql(function["sql"])

    return switch


def read_masked(spark, mask):
    rows = spark.sql(
        f"SELECT {mask['column']} AS raw, {mask['function']}({mask['column']}) AS shown FROM spark_catalog.{mask['table']}"
    ).collect()
    assert rows, f"{mask['table']} has no rows to test the mask on"
    return rows


def expected_masked(kind, raw):
    if kind == "redact":
        return "[REDACTED]"
    if kind == "email_domain":
        # concat over NULL is NULL: a missing e-mail stays missing, which reveals nothing.
        return None if raw is None else "***@" + (raw.rsplit("@", 1)[1] if "@" in raw else "")
    raise AssertionError(f"no expectation for mask {kind}")


def test_every_pii_column_of_the_example_is_masked_in_silver_and_quarantine(governance):
    masked = sorted((m["table"], m["column"]) for m in governance["masks"])
    assert masked == [
        ("silver.customers", "email"),
        ("silver.customers", "full_name"),
        ("silver.customers_quarantine", "_rescued_data"),
        ("silver.customers_quarantine", "email"),
        ("silver.customers_quarantine", "full_name"),
    ]


def test_pii_readers_see_clear_values(spark, governance, as_principals):
    as_principals(CLEAR_READERS)
    for mask in governance["masks"]:
        assert all(r.shown == r.raw for r in read_masked(spark, mask)), mask


@pytest.mark.parametrize("groups", [{"analysts"}, {"data-engineers", "sales-benelux"}, set()])
def test_everyone_else_sees_masked_values(spark, governance, as_principals, groups):
    as_principals(groups)
    for mask in governance["masks"]:
        rows = read_masked(spark, mask)
        assert [r.shown for r in rows] == [expected_masked(mask["mask"], r.raw) for r in rows], mask
        assert not any(r.shown == r.raw for r in rows if r.raw), mask


def test_a_masked_email_keeps_its_domain_only(spark, as_principals):
    as_principals({"analysts"})
    shown = spark.sql(
        "SELECT silver.pii_email_domain_string(v) AS s FROM VALUES ('ann@example.com'), ('no-at-sign'), (NULL) AS t(v)"
    ).collect()
    assert [r.s for r in shown] == ["***@example.com", "***@", None]


def visible_rows(spark, row_filter):
    columns = ", ".join(row_filter["columns"])
    table = f"spark_catalog.{row_filter['table']}"
    everything = spark.sql(f"SELECT {columns} FROM {table}").collect()
    visible = spark.sql(f"SELECT {columns} FROM {table} WHERE {row_filter['function']}({columns})").collect()
    return everything, visible


def test_row_filters_cover_silver_quarantine_and_gold(governance):
    assert [f["table"] for f in governance["rowFilters"]] == ["silver.customers", "silver.customers_quarantine", "gold.customer_value"]


@pytest.mark.parametrize("groups", [{"analysts"}, {"customer-care"}, {"platform-admins", "sales-benelux"}])
def test_all_rows_principals_see_every_row(spark, governance, as_principals, groups):
    as_principals(groups)
    for row_filter in governance["rowFilters"]:
        everything, visible = visible_rows(spark, row_filter)
        assert everything and sorted(visible) == sorted(everything), row_filter["table"]


def test_a_grant_sees_its_values_only(spark, governance, as_principals):
    grant = governance["rowFilterGrants"]["customers"]["grants"][0]
    as_principals(set(grant["principals"]))
    for row_filter in governance["rowFilters"]:
        everything, visible = visible_rows(spark, row_filter)
        expected = [r for r in everything if r.country in grant["values"]]
        assert expected and sorted(visible) == sorted(expected), row_filter["table"]
        assert len(visible) < len(everything), row_filter["table"]


def test_anyone_else_sees_no_rows(spark, governance, as_principals):
    as_principals({"someone-else"})
    for row_filter in governance["rowFilters"]:
        assert visible_rows(spark, row_filter)[1] == [], row_filter["table"]


def planned(capsys):
    return [line.removeprefix("planned: ") for line in capsys.readouterr().out.splitlines() if line.startswith(("planned: ", "skipped: "))]


def test_the_setup_task_plans_every_function_off_databricks(pipeline, governance, capsys):
    pipeline.run_task("governance_setup", "local-governance")
    assert planned(capsys) == [f["sql"] for f in governance["functions"]]


def quoted(name):
    """A (dotted) name as the generated DDL writes it: every part back-quoted."""
    return ".".join(f"`{part}`" for part in name.split("."))


def test_the_governance_task_plans_the_tags_masks_and_filters_of_every_table_off_databricks(scenario, pipeline, governance, capsys):
    pipeline.run_task("governance", "local-governance")
    printed = planned(capsys)
    # Every table exists (none skipped), no function is created here, and every mask and filter is re-applied.
    assert not any(p.startswith(("CREATE", "skipped")) for p in printed)
    assert [p for p in printed if " SET MASK " in p] == [
        f"ALTER TABLE {quoted(m['table'])} ALTER COLUMN {quoted(m['column'])} SET MASK {quoted(m['function'])}" for m in governance["masks"]
    ]
    assert [p for p in printed if " SET ROW FILTER " in p] == [
        f"ALTER TABLE {quoted(f['table'])} SET ROW FILTER {quoted(f['function'])} ON ({', '.join(map(quoted, f['columns']))})"
        for f in governance["rowFilters"]
    ]
    assert len(printed) == 15
