"""The deployed alert and dashboard SQL (read from the synthesized aws-dev stack), run on local
Spark over the tables the real pipeline writes: silent after a clean batch, firing after a bad one.

The audit-log alerts cannot read a real system.access.audit here: they run over a local table with
the columns of the system table that the queries read, filled with benign and suspicious events.
"""

import pytest
from conftest import LOCAL_WORKSPACE_ID, write_bad_orders, write_good_batch

OPS = {
    "GREATER_THAN": lambda a, b: a > b,
    "GREATER_THAN_OR_EQUAL": lambda a, b: a >= b,
    "EQUAL": lambda a, b: a == b,
}
DATA_ALERTS = ("quality_warning", "quarantine_growth", "freshness")
SECURITY_ALERTS = (
    "failed_logins",
    "permission_changes",
    "token_creation",
    "admin_group_changes",
)


def evaluate(spark, alert):
    """The alert's query and its condition as Databricks evaluates them: the first row's column against the threshold."""
    row = spark.sql(alert["sql"]).first()
    condition = alert["condition"]
    value = row[condition["operand"]["column"]["name"]]
    fires = OPS[condition["op"]](value, condition["threshold"]["value"]["double_value"])
    return fires, row["details"]


@pytest.fixture(scope="module")
def good(spark, pipeline_lake, tmp_path_factory):
    """One full pipeline run over a clean batch of every dataset."""
    folder = tmp_path_factory.mktemp("good-batch")
    write_good_batch(spark, folder)
    pipeline_lake.land(folder)
    pipeline_lake.run()
    return {kind: None for kind in DATA_ALERTS}


def test_the_alerts_are_the_deployed_ones(alerts):
    assert sorted(alerts) == sorted(DATA_ALERTS + SECURITY_ALERTS)


@pytest.mark.parametrize("kind", DATA_ALERTS)
def test_data_alerts_are_silent_after_a_clean_run(spark, alerts, good, kind):
    assert evaluate(spark, alerts[kind]) == (False, "")


def test_freshness_fires_for_a_bronze_table_without_new_rows_within_its_interval(spark, alerts, good):
    # A day and an hour pass for customers: its newest bronze row is older than its 24 h.
    spark.sql("UPDATE spark_catalog.bronze.customers SET _ingested_at = _ingested_at - INTERVAL 25 HOURS")
    assert evaluate(spark, alerts["freshness"]) == (
        True,
        "customers (no new rows within 24 h)",
    )


@pytest.fixture(scope="module")
def bad_orders(spark, pipeline_lake, good, tmp_path_factory):
    """A second orders batch: 150 of 1000 rows fail a rule, above orders' 10 % warning, below its 20 % gate."""
    folder = tmp_path_factory.mktemp("bad-orders")
    write_bad_orders(folder, total=1000, bad=150)
    pipeline_lake.land(folder)
    for task in ("bronze_orders", "silver_orders"):
        pipeline_lake.run_task(task, "local-bad")
    return folder


def test_the_bad_batch_passes_the_gate_so_only_the_warning_tells(spark, bad_orders):
    assert spark.table("spark_catalog.silver.orders").count() == 3 + 850


def test_quality_warning_fires_for_the_dataset_above_its_warning_threshold(spark, alerts, bad_orders):
    assert evaluate(spark, alerts["quality_warning"]) == (
        True,
        "orders 15.0% failed (warn above 10.0%)",
    )


def test_quarantine_growth_fires_above_the_rows_a_day_the_dataset_allows(spark, alerts, bad_orders):
    assert evaluate(spark, alerts["quarantine_growth"]) == (
        True,
        "orders +150 rows in 24 h (allowed 100)",
    )


# ---- dashboard --------------------------------------------------------------------------------


def test_dashboard_counts_rows_per_layer_and_dataset(spark, dashboard_datasets, bad_orders):
    rows = {(r["layer"], r["dataset"]): r["row_count"] for r in spark.sql(dashboard_datasets["row_counts"]).collect()}
    assert rows[("bronze", "orders")] == 1003
    assert rows[("silver", "orders")] == 853
    assert rows[("quarantine", "orders")] == 150
    assert rows[("silver", "customers")] == 3 and rows[("quarantine", "customers")] == 0
    assert rows[("gold", "payment_mix")] == 1


def test_dashboard_shows_quarantine_by_rule_per_day(spark, dashboard_datasets, bad_orders):
    rows = [(r["dataset"], r["rule"], r["row_count"]) for r in spark.sql(dashboard_datasets["quarantine_by_rule"]).collect()]
    assert rows == [("orders", "expect_column_values_to_be_between:quantity", 150)]


def test_dashboard_system_table_queries_run_over_tables_with_the_system_tables_columns(spark, dashboard_datasets, pipeline_lake):
    spark.sql("CREATE TABLE spark_catalog.lakeflow.jobs (job_id STRING, name STRING) USING delta")
    spark.sql(
        "CREATE TABLE spark_catalog.lakeflow.job_run_timeline (job_id STRING, run_id STRING, "
        "period_start_time TIMESTAMP, period_end_time TIMESTAMP, result_state STRING) USING delta"
    )
    spark.sql("INSERT INTO spark_catalog.lakeflow.jobs VALUES ('1', 'rtl-dev-pipeline'), ('2', 'someone-elses-job')")
    spark.sql(
        "INSERT INTO spark_catalog.lakeflow.job_run_timeline VALUES "
        "('1', 'r1', current_timestamp() - INTERVAL 2 HOURS, current_timestamp() - INTERVAL 90 MINUTES, NULL), "
        "('1', 'r1', current_timestamp() - INTERVAL 90 MINUTES, current_timestamp() - INTERVAL 80 MINUTES, 'SUCCEEDED'), "
        "('2', 'r2', current_timestamp() - INTERVAL 2 HOURS, current_timestamp(), 'SUCCEEDED')"
    )
    runs = [(r["run_id"], r["duration_seconds"], r["result_state"]) for r in spark.sql(dashboard_datasets["job_runs"]).collect()]
    assert runs == [("r1", 2400, "SUCCEEDED")]

    spark.sql(
        "CREATE TABLE spark_catalog.billing.usage (usage_date DATE, usage_end_time TIMESTAMP, workspace_id STRING, sku_name STRING, "
        "usage_unit STRING, usage_quantity DECIMAL(18,6), custom_tags MAP<STRING, STRING>) USING delta"
    )
    spark.sql(
        "CREATE TABLE spark_catalog.billing.list_prices (sku_name STRING, usage_unit STRING, price_start_time TIMESTAMP, "
        "price_end_time TIMESTAMP, pricing STRUCT<default: DECIMAL(18,6)>) USING delta"
    )
    spark.sql(
        "INSERT INTO spark_catalog.billing.list_prices VALUES ('JOBS', 'DBU', TIMESTAMP'2020-01-01', NULL, named_struct('default', 0.15))"
    )
    ours = "map('costCenter', 'cc-4711', 'owner', 'data-platform@example.com', 'project', 'retail-lakehouse'"
    spark.sql(
        "INSERT INTO spark_catalog.billing.usage VALUES "
        f"(current_date(), current_timestamp(), '1', 'JOBS', 'DBU', 10, {ours}, 'environment', 'dev')), "
        f"(current_date(), current_timestamp(), '2', 'JOBS', 'DBU', 20, {ours})), "
        "(current_date(), current_timestamp(), '3', 'JOBS', 'DBU', 99, map('costCenter', 'other'))"
    )
    cost = {r["environment"]: float(r["list_cost_usd"]) for r in spark.sql(dashboard_datasets["cost"]).collect()}
    assert cost == {"dev": 1.5, "workspace 2": 3.0}


# ---- security alerts over a local audit table -------------------------------------------------


@pytest.fixture(scope="module")
def audit(spark, pipeline_lake):
    spark.sql(
        "CREATE TABLE spark_catalog.access.audit (event_time TIMESTAMP, workspace_id STRING, service_name STRING, action_name STRING, "
        "user_identity STRUCT<email: STRING>, request_params MAP<STRING, STRING>, response STRUCT<status_code: INT>, "
        "source_ip_address STRING) USING delta"
    )

    def insert(*events):
        values = ", ".join(
            f"(current_timestamp() - INTERVAL {minutes} MINUTES, '{ws}', '{service}', '{action}', named_struct('email', '{who}'), "
            f"map({params}), named_struct('status_code', {status}), '10.0.0.1')"
            for minutes, ws, service, action, who, params, status in events
        )
        spark.sql(f"INSERT INTO spark_catalog.access.audit VALUES {values}")

    # Benign: successful logins, a failed login too few to matter, a grant change elsewhere and long ago.
    insert(
        (
            5,
            LOCAL_WORKSPACE_ID,
            "accounts",
            "login",
            "ana@example.com",
            "'user', 'ana@example.com'",
            200,
        ),
        (
            6,
            LOCAL_WORKSPACE_ID,
            "accounts",
            "login",
            "bob@example.com",
            "'user', 'bob@example.com'",
            401,
        ),
        (
            7,
            "999",
            "unityCatalog",
            "updatePermissions",
            "eve@example.com",
            "'securable', 'x'",
            200,
        ),
        (
            600,
            LOCAL_WORKSPACE_ID,
            "accounts",
            "generateDbToken",
            "ana@example.com",
            "'lifetime', '90'",
            200,
        ),
        (
            8,
            LOCAL_WORKSPACE_ID,
            "accounts",
            "addPrincipalToGroup",
            "ana@example.com",
            "'targetGroupName', 'analysts'",
            200,
        ),
    )
    return insert


@pytest.mark.parametrize("kind", SECURITY_ALERTS)
def test_security_alerts_are_silent_over_benign_events(spark, alerts, audit, kind):
    assert evaluate(spark, alerts[kind]) == (False, "")


def test_security_alerts_fire_on_suspicious_events(spark, alerts, audit):
    audit(
        *[
            (
                m,
                LOCAL_WORKSPACE_ID,
                "accounts",
                "login",
                "mallory@example.com",
                "'user', 'mallory@example.com'",
                401,
            )
            for m in range(10, 15)
        ],
        (
            3,
            LOCAL_WORKSPACE_ID,
            "unityCatalog",
            "updatePermissions",
            "eve@example.com",
            "'securable', 'rtl_dev.gold'",
            200,
        ),
        (
            4,
            LOCAL_WORKSPACE_ID,
            "clusters",
            "changeClusterAcl",
            "eve@example.com",
            "'clusterId', 'c1'",
            200,
        ),
        (
            2,
            LOCAL_WORKSPACE_ID,
            "accounts",
            "generateDbToken",
            "eve@example.com",
            "'lifetime', '0'",
            200,
        ),
        (
            1,
            "0",
            "accounts",
            "addPrincipalToGroup",
            "eve@example.com",
            "'targetGroupName', 'admins'",
            200,
        ),
    )
    fired = {kind: evaluate(spark, alerts[kind]) for kind in SECURITY_ALERTS}
    assert {kind: result[0] for kind, result in fired.items()} == dict.fromkeys(SECURITY_ALERTS, True)
    assert fired["failed_logins"][1] == "mallory@example.com 5 failed logins"
    assert fired["permission_changes"][1].count("eve@example.com") == 2
    assert fired["admin_group_changes"][1].startswith("eve@example.com addPrincipalToGroup at ")
