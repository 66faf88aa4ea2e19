"""Each rule kind on typed rows: the names of the rules a row fails, in the configuration's order."""

from datetime import datetime

import pytest
from support import silver_config

from lakehouse_runtime.config import Rule
from lakehouse_runtime.rules import evaluate

SCHEMA = (
    "id STRING, quantity INT, status STRING, updated_at TIMESTAMP,"
    " _rescued MAP<STRING,STRING>, _bronze STRUCT<quantity: STRING, updated_at: STRING>"
)


def failed(spark, rule: Rule, row: tuple) -> list[str]:
    config = silver_config("rules")
    config["rules"] = [rule]
    return evaluate(spark.createDataFrame([row], SCHEMA), config).first()["_failed_rules"]


OK = ("a", 5, "new", None, {}, ("5", None))


@pytest.mark.parametrize(
    ("rule", "failing", "passing"),
    [
        ({"name": "t", "kind": "type", "column": "quantity"}, ("a", None, "new", None, {}, ("abc", None)), OK),
        ({"name": "w", "kind": "well_formed"}, ("a", 5, "new", None, {"_corrupt_record": "a,b"}, ("5", None)), OK),
        (
            {"name": "c", "kind": "column_set"},
            ("a", 5, "new", None, {"channel": "app"}, ("5", None)),
            ("a", 5, "new", None, {"quantity": "x"}, ("5", None)),
        ),
        ({"name": "n", "kind": "not_null", "column": "status"}, ("a", 5, None, None, {}, ("5", None)), OK),
        ({"name": "b", "kind": "between", "column": "quantity", "min": 1, "max": 10}, ("a", 11, "new", None, {}, ("11", None)), OK),
        (
            {"name": "b", "kind": "between", "column": "quantity", "min": 6},
            ("a", 5, "new", None, {}, ("5", None)),
            ("a", None, "new", None, {}, (None, None)),
        ),
        (
            {"name": "s", "kind": "in_set", "column": "status", "values": ["new"]},
            ("a", 5, "old", None, {}, ("5", None)),
            ("a", 5, None, None, {}, ("5", None)),
        ),
        ({"name": "r", "kind": "regex", "column": "id", "regex": "^[a-z]$"}, ("ab", 5, "new", None, {}, ("5", None)), OK),
        ({"name": "q", "kind": "sql", "expression": "quantity > 1"}, ("a", None, "new", None, {}, (None, None)), OK),
    ],
)
def test_a_rule_names_the_rows_it_fails_and_passes_the_others(spark, rule, failing, passing):
    assert (failed(spark, rule, failing), failed(spark, rule, passing)) == ([rule["name"]], [])


def test_failed_rules_keep_the_configuration_order(spark):
    config = silver_config("rules")
    row = ("a", 50, "old", datetime(2026, 1, 1), {}, ("50", "2026-01-01"))
    assert evaluate(spark.createDataFrame([row], SCHEMA), config).first()["_failed_rules"] == [
        "expect_column_values_to_be_between:quantity",
        "expect_column_values_to_be_in_set:status",
    ]
