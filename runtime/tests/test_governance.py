"""The governance step: refuses to run before its tables exist, runs statements in order."""

import pytest
from lakehouse_harness.dbutils import DbUtils
from pyspark.sql import SparkSession

from lakehouse_runtime.config import GovernanceConfig
from lakehouse_runtime.governance import apply, run
from lakehouse_runtime.params import MissingParameterError


@pytest.fixture
def governed(spark: SparkSession) -> GovernanceConfig:
    spark.sql("CREATE OR REPLACE TABLE spark_catalog.silver.gov_people (email STRING) USING delta")
    return {
        "statements": [
            {"table": None, "sql": "CREATE OR REPLACE TEMPORARY FUNCTION gov_mask(v STRING) RETURNS STRING RETURN '***'"},
            {"table": "silver.gov_people", "sql": "ALTER TABLE silver.gov_people SET TBLPROPERTIES ('governed' = 'true')"},
        ]
    }


def test_fails_if_a_governed_table_does_not_exist(spark: SparkSession) -> None:
    config: GovernanceConfig = {"statements": [{"table": "silver.gov_absent", "sql": "SELECT 1"}]}
    with pytest.raises(RuntimeError, match=r"missing tables \['silver.gov_absent'\]"):
        apply(spark, config, execute=True)


def test_runs_every_statement_in_order(spark: SparkSession, governed: GovernanceConfig) -> None:
    assert apply(spark, governed, execute=True) == [s["sql"] for s in governed["statements"]]
    props = dict(spark.sql("SHOW TBLPROPERTIES spark_catalog.silver.gov_people").collect())
    assert props["governed"] == "true"
    assert spark.sql("SELECT gov_mask('a@b.c') AS v").first()["v"] == "***"


def test_only_lists_the_statements_off_databricks(spark: SparkSession, governed: GovernanceConfig) -> None:
    spark.sql("ALTER TABLE spark_catalog.silver.gov_people UNSET TBLPROPERTIES IF EXISTS ('governed')")
    run(spark, DbUtils({"catalog": "spark_catalog", "on_databricks": "false"}), governed)
    assert "governed" not in dict(spark.sql("SHOW TBLPROPERTIES spark_catalog.silver.gov_people").collect())


def test_fails_if_a_parameter_is_missing(spark: SparkSession, governed: GovernanceConfig) -> None:
    with pytest.raises(MissingParameterError, match="on_databricks"):
        run(spark, DbUtils({"catalog": "spark_catalog"}), governed)
