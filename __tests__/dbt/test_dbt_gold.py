"""The generated dbt project (jobs/dbt-project.ts), run by dbt-core with dbt-spark in session mode on
local Spark + Delta, builds the same gold as the SQL engine (lakehouse_runtime.gold) over the same
silver, for the retail example's aggregates and the logistics example's three-dataset join, and its
data tests (keys, not-null, accepted values) pass on it; the task's other commands leave their
artifacts: silver's freshness per source, and the docs site."""

import json
from collections import Counter

import pytest
from conftest import EXAMPLES, GOLD

EXPECTED = "expected"


def rows(spark, table: str) -> Counter:
    df = spark.table(table)
    return Counter(tuple(r[c] for c in sorted(df.columns)) for r in df.collect())


@pytest.mark.parametrize("example", EXAMPLES)
def test_dbt_builds_the_sql_engines_gold(built, spark, example):
    assert built.gold[example], f"{example} has no gold aggregates"
    for table in built.gold[example]:
        dbt, sql = spark.table(f"{GOLD}.{table}"), spark.table(f"{EXPECTED}.{table}")
        assert [(f.name, f.dataType) for f in dbt.schema] == [(f.name, f.dataType) for f in sql.schema], table
        expected = rows(spark, f"{EXPECTED}.{table}")
        assert sum(expected.values()) > 0, f"{table}: the sample data gives the SQL engine no rows to compare"
        assert rows(spark, f"{GOLD}.{table}") == expected, table


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_model_and_data_test_ran_and_passed(built, example):
    results = {r["unique_id"]: r["status"] for r in built.results[example]}
    models = {uid.split(".")[-1] for uid in results if uid.startswith("model.")}
    assert models == set(built.gold[example])
    # Each aggregate's key test (one row per group-by combination) ran among the data tests.
    tests = {uid.split(".")[2] for uid in results if uid.startswith("test.")}
    assert {f"{t}_key_unique" for t in built.gold[example]} <= tests
    assert {uid: s for uid, s in results.items() if s not in ("success", "pass")} == {}


def test_the_retail_data_tests_include_not_null_and_accepted_values(built):
    uids = [r["unique_id"] for r in built.results["retail"]]
    tests = {uid.split(".")[2] for uid in uids if uid.startswith("test.")}
    assert "not_null_customer_value_customer_id" in tests
    assert any(t.startswith("accepted_values_payment_mix_method") for t in tests)


@pytest.mark.parametrize("example", EXAMPLES)
def test_source_freshness_measured_every_silver_source_fresh(built, example):
    """The sample batch was ingested minutes ago: every source is within its freshnessHours."""
    project = built.projects[example]
    sources = json.loads((project / "target" / "sources.json").read_text())["results"]
    declared = json.loads((project / "target" / "manifest.json").read_text())["sources"]
    assert {r["unique_id"]: r["status"] for r in sources} == {uid: "pass" for uid in declared}


@pytest.mark.parametrize("example", EXAMPLES)
def test_docs_generate_catalogs_every_gold_model(built, example):
    target = built.projects[example] / "target"
    assert (target / "index.html").stat().st_size > 0
    catalog = json.loads((target / "catalog.json").read_text())
    assert {uid.split(".")[-1] for uid in catalog["nodes"] if uid.startswith("model.")} == set(built.gold[example])
