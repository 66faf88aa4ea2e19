"""Configurations the unit tests vary (the dbutils fake is the harness's: lakehouse_harness.dbutils)."""

import copy

from lakehouse_runtime.config import BronzeConfig, SilverConfig

_ORDERS_BRONZE: BronzeConfig = {
    "dataset": "orders",
    "table": "bronze.orders",
    "format": "csv",
    "header": True,
    "columns": [
        {"name": "order_id", "type": "STRING"},
        {"name": "quantity", "type": "STRING"},
        {"name": "updated_at", "type": "STRING"},
    ],
}


def silver_config(dataset: str) -> SilverConfig:
    """A small dataset: id, quantity (int, 1..10), status (in set), updated_at (the ordering), one derived column."""
    return {
        "dataset": dataset,
        "bronze_table": f"bronze.{dataset}",
        "silver_table": f"silver.{dataset}",
        "quarantine_table": f"silver.{dataset}_quarantine",
        "quality_table": "silver.quality_results",
        "landing_columns": [
            {"name": "id", "type": "STRING"},
            {"name": "quantity", "type": "STRING"},
            {"name": "status", "type": "STRING"},
            {"name": "updated_at", "type": "STRING"},
        ],
        "columns": [
            {"name": "id", "type": "STRING", "cast": False},
            {"name": "quantity", "type": "INT", "cast": True},
            {"name": "status", "type": "STRING", "cast": False},
            {"name": "updated_at", "type": "TIMESTAMP", "cast": True},
        ],
        "silver_columns": [
            {"name": "id", "type": "STRING", "nullable": False},
            {"name": "quantity", "type": "INT", "nullable": True},
            {"name": "status", "type": "STRING", "nullable": True},
            {"name": "updated_at", "type": "TIMESTAMP", "nullable": True},
            {"name": "double_quantity", "type": "INT", "nullable": True},
        ],
        "transformations": [
            {"kind": "lowercase", "columns": ["status"]},
            {"kind": "derive", "column": "double_quantity", "expression": "quantity * 2", "type": "INT"},
        ],
        "rules": [
            {"name": "expect_column_values_to_be_of_type:quantity", "kind": "type", "column": "quantity"},
            {"name": "expect_column_values_to_be_of_type:updated_at", "kind": "type", "column": "updated_at"},
            {"name": "expect_row_to_be_well_formed", "kind": "well_formed"},
            {"name": "expect_column_values_to_not_be_null:id", "kind": "not_null", "column": "id"},
            {"name": "expect_column_values_to_not_be_null:updated_at", "kind": "not_null", "column": "updated_at"},
            {"name": "expect_column_values_to_be_between:quantity", "kind": "between", "column": "quantity", "min": 1, "max": 10},
            {"name": "expect_column_values_to_be_in_set:status", "kind": "in_set", "column": "status", "values": ["new", "done"]},
        ],
        "primary_key": ["id"],
        "ordering_column": "updated_at",
        "max_failed_fraction": 1.0,
        "min_failed_rows": 1,
        "schema_evolution": "addNewColumns",
        "governance": {"silver": {"masks": {}, "row_filter": None}, "quarantine": {"masks": {}, "row_filter": None}},
    }


def orders_bronze() -> BronzeConfig:
    """A header CSV dataset of three landing columns."""
    return copy.deepcopy(_ORDERS_BRONZE)
