"""The local session behaves as the job clusters' runtime (Databricks Runtime 17.3 LTS, Spark 4.0)."""

import pyspark
import pytest
from pyspark.errors import NumberFormatException


def test_the_engine_is_spark_4_0():
    assert pyspark.__version__.split(".")[:2] == ["4", "0"]


def test_an_invalid_cast_fails_as_in_ansi_mode_instead_of_yielding_null(spark):
    assert spark.conf.get("spark.sql.ansi.enabled") == "true"
    with pytest.raises(NumberFormatException, match="CAST_INVALID_INPUT"):
        spark.sql("SELECT CAST('x' AS INT)").collect()
    assert spark.sql("SELECT try_cast('x' AS INT) AS v").first()["v"] is None  # type: ignore[index]
