import pytest
from lakehouse_harness.dbutils import DbUtils

from lakehouse_runtime import params


def test_read_returns_the_values_the_job_passed():
    dbutils = DbUtils({"catalog": "rtl_prod", "run_id": "42"})
    assert params.read(dbutils, ["catalog", "run_id"]) == {"catalog": "rtl_prod", "run_id": "42"}


def test_read_declares_every_parameter_without_a_default():
    dbutils = DbUtils({"catalog": "rtl_prod"})
    params.read(dbutils, ["catalog"])
    assert dbutils.widgets.declared == [("catalog", "")]


def test_fails_if_parameters_are_missing_naming_every_one():
    with pytest.raises(params.MissingParameterError, match=r"missing job parameter\(s\): catalog, run_id;") as raised:
        params.read(DbUtils({"landing_path": "/x"}), ["catalog", "landing_path", "run_id"])
    assert raised.value.missing == ["catalog", "run_id"]


def test_flag_reads_true_and_false():
    assert (params.flag("true"), params.flag("false")) == (True, False)


def test_fails_if_a_flag_is_neither_true_nor_false():
    with pytest.raises(ValueError, match=r"expected \"true\" or \"false\", got 'yes'"):
        params.flag("yes")
