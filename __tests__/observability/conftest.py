"""Fixtures for proving the alert and dashboard queries on local Spark + Delta.

The only dependence on the pipeline harness is `pipeline_lake` below: it runs the synthesized
notebooks (the harness, harness/) over landing files this suite writes, in a lake of its own,
and drops every table again afterwards so the pipeline suite starts from an empty catalog.
"""

import json
import os
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from lakehouse_harness.pipeline import LocalPipeline
from lakehouse_harness.spark import LAYERS, spark_session

REPO = Path(__file__).resolve().parents[2]

STACK = "aws-dev"
CATALOG = "rtl_dev"
# The security alerts name the workspace through a Terraform reference; locally it is this id.
LOCAL_WORKSPACE_ID = "1234567890"


def synth_stack(tmp_path_factory):
    """The aws-dev stack as synthesized: cdktf.out when there is one, else a fresh synth."""
    stack_file = REPO / "cdktf.out" / "stacks" / STACK / "cdk.tf.json"
    if not stack_file.exists():
        outdir = tmp_path_factory.mktemp("synth") / "cdktf.out"
        env = {**os.environ, "CDKTF_OUTDIR": str(outdir)}
        subprocess.run(
            ["npx", "--no-install", "tsx", "main.ts"],
            cwd=REPO,
            env=env,
            check=True,
            capture_output=True,
        )
        stack_file = outdir / "stacks" / STACK / "cdk.tf.json"
    return json.loads(stack_file.read_text())


def local_sql(sql):
    """Deployed SQL, pointed at the local catalog: the environment's catalog and the system tables
    live in spark_catalog here, and the workspace reference becomes the local workspace id."""
    sql = sql.replace(f"`{CATALOG}`.", "`spark_catalog`.").replace(f"{CATALOG}.", "spark_catalog.")
    sql = re.sub(r"\bsystem\.(access|billing|lakeflow)\.", r"spark_catalog.\1.", sql)
    return re.sub(r"\$\{[^}]+\}", LOCAL_WORKSPACE_ID, sql)


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    return synth_stack(tmp_path_factory)


@pytest.fixture(scope="session")
def alerts(stack):
    """Each alert's query (local SQL) and condition, by kind, read from the synthesized stack."""
    resources = stack["resource"]
    queries = {f"${{databricks_query.{name}.id}}": body for name, body in resources["databricks_query"].items()}
    by_kind = {}
    for alert in resources["databricks_alert"].values():
        query = queries[alert["query_id"]]
        kind = alert["display_name"].split(" ", 1)[1].replace(" ", "_")
        by_kind[kind] = {
            "sql": local_sql(query["query_text"]),
            "condition": alert["condition"],
        }
    return by_kind


@pytest.fixture(scope="session")
def dashboard_datasets(stack):
    """The dashboard's datasets (local SQL), by name, from the synthesized serialized dashboard."""
    (dashboard,) = stack["resource"]["databricks_dashboard"].values()
    serialized = json.loads(dashboard["serialized_dashboard"])
    return {d["name"]: local_sql("".join(d["queryLines"])) for d in serialized["datasets"]}


@pytest.fixture(scope="session")
def spark(tmp_path_factory):
    session = spark_session(tmp_path_factory.mktemp("warehouse"), "lakehouse-observability-tests")
    yield session
    session.stop()


def drop_tables(spark):
    for layer in (*LAYERS, "access", "billing", "lakeflow"):
        spark.sql(f"CREATE SCHEMA IF NOT EXISTS spark_catalog.{layer}")
        for table in spark.catalog.listTables(f"spark_catalog.{layer}"):
            spark.sql(f"DROP TABLE IF EXISTS spark_catalog.{layer}.{table.name}")


@pytest.fixture(scope="module")
def pipeline_lake(spark, tmp_path_factory):
    """The example pipeline in a lake of its own; every table is dropped again afterwards."""
    drop_tables(spark)
    pipeline = LocalPipeline(
        spark,
        tmp_path_factory.mktemp("observability-lake"),
        tmp_path_factory.mktemp("observability-notebooks"),
    )
    yield pipeline
    drop_tables(spark)


# ---- landing files ----------------------------------------------------------------------------

CUSTOMERS_HEADER = "customer_id,email,full_name,country,segment,signup_date,updated_at"
ORDERS_HEADER = "order_id,customer_id,product_id,quantity,unit_price,status,order_ts,updated_at"


def order_line(i, quantity):
    return f"o{i:05d},c01,p01,{quantity},2.50,placed,2026-03-01 12:00:00,2026-03-01 12:00:00"


def write_good_batch(spark, folder):
    """One clean file per dataset: every row passes every rule."""
    (folder / "customers").mkdir(parents=True)
    (folder / "customers" / "customers_good.csv").write_text(
        "\n".join(
            [
                CUSTOMERS_HEADER,
                *(f"c{i:02d},c{i}@example.com,Name {i},nl,retail,2025-01-0{i},2026-03-01 10:00:00" for i in range(1, 4)),
            ]
        )
        + "\n"
    )
    (folder / "products").mkdir()
    products = [
        {
            "product_id": f"p{i:02d}",
            "name": f"Product {i}",
            "category": "books",
            "unit_price": "2.50",
            "active": True,
            "updated_at": "2026-03-01T08:00:00",
        }
        for i in range(1, 4)
    ]
    (folder / "products" / "products_good.json").write_text("\n".join(json.dumps(p) for p in products) + "\n")
    (folder / "orders").mkdir()
    (folder / "orders" / "orders_good.csv").write_text("\n".join([ORDERS_HEADER, *(order_line(i, 1) for i in range(1, 4))]) + "\n")
    rows = [
        (
            f"y{i:02d}",
            f"o{i:05d}",
            "card",
            Decimal("2.50"),
            "2026-03-01 12:00:00",
            "2026-03-01 12:00:00",
        )
        for i in range(1, 4)
    ]
    frame = spark.createDataFrame(
        rows,
        "payment_id STRING, order_id STRING, method STRING, amount DECIMAL(12,2), paid_at STRING, updated_at STRING",
    ).selectExpr(
        "payment_id",
        "order_id",
        "method",
        "amount",
        "CAST(paid_at AS TIMESTAMP) AS paid_at",
        "CAST(updated_at AS TIMESTAMP) AS updated_at",
    )
    scratch = folder / "_payments_scratch"
    frame.coalesce(1).write.parquet(str(scratch))
    (folder / "payments").mkdir()
    shutil.move(
        str(next(scratch.glob("part-*.parquet"))),
        folder / "payments" / "payments_good.parquet",
    )
    shutil.rmtree(scratch)


def write_bad_orders(folder, total, bad):
    """An orders file of `total` lines of which `bad` have quantity 0 (outside the 1-1000 rule)."""
    (folder / "orders").mkdir(parents=True)
    lines = [order_line(100 + i, 0 if i < bad else 2) for i in range(total)]
    (folder / "orders" / "orders_bad.csv").write_text("\n".join([ORDERS_HEADER, *lines]) + "\n")
