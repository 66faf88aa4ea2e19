import pytest
from lakehouse_harness.dbutils import DbUtils
from support import orders_bronze, silver_config

from lakehouse_runtime import bronze, interval, silver

SCHEDULED = {
    "data_interval_start": "2026-03-02T03:30:00+00:00",
    "data_interval_end": "2026-03-02T03:30:00+00:00",
    "airflow_run_type": "scheduled",
}


def test_reads_the_interval_airflow_passed():
    assert interval.read(DbUtils(SCHEDULED)) == SCHEDULED


def test_a_run_airflow_did_not_start_reads_empty_parameters_and_passes():
    dbutils = DbUtils({"catalog": "rtl_prod"})
    interval.check(dbutils, "the landing folder s3://landing/orders")
    assert dbutils.widgets.declared == [(name, "") for name in interval.PARAMETERS]
    assert interval.read(dbutils) == {name: "" for name in interval.PARAMETERS}


def test_a_scheduled_airflow_run_serves_what_has_landed(capsys):
    interval.check(DbUtils(SCHEDULED), "the landing folder s3://landing/orders")
    assert capsys.readouterr().out == (
        "Airflow scheduled run for the data interval [2026-03-02T03:30:00+00:00, 2026-03-02T03:30:00+00:00]: "
        "the landing folder s3://landing/orders, everything not yet processed\n"
    )


def test_fails_if_airflow_backfills_a_past_interval_naming_the_interval_and_the_folder():
    backfill = {**SCHEDULED, "airflow_run_type": "backfill"}
    with pytest.raises(interval.BackfillRefusedError) as refused:
        interval.check(DbUtils(backfill), "the landing folder s3://landing/orders")
    assert str(refused.value).startswith(
        "Airflow backfill of the data interval [2026-03-02T03:30:00+00:00, 2026-03-02T03:30:00+00:00] refused: "
        "the landing folder s3://landing/orders has no folder per interval"
    )


def test_bronze_refuses_a_backfill_before_it_reads_the_landing_folder():
    parameters = {"catalog": "rtl_dev", "landing_path": "/landing/orders", "checkpoint_path": "/bronze/_checkpoints/orders"}
    dbutils = DbUtils({**parameters, "on_databricks": "false", "run_id": "7", **SCHEDULED, "airflow_run_type": "backfill"})
    # No Spark session: the refusal comes before bronze touches a table or a file.
    with pytest.raises(interval.BackfillRefusedError, match="refused: the landing folder /landing/orders has no folder per interval"):
        bronze.run(None, dbutils, orders_bronze())


def test_silver_refuses_a_backfill_before_it_reads_bronze():
    dbutils = DbUtils(
        {
            "catalog": "rtl_dev",
            "run_id": "7",
            "on_databricks": "false",
            "accept_held_batch": "none",
            **SCHEDULED,
            "airflow_run_type": "backfill",
        }
    )
    with pytest.raises(
        interval.BackfillRefusedError, match=r"refused: the landing folder behind bronze\.orders has no folder per interval"
    ):
        silver.run(None, dbutils, silver_config("orders"))
