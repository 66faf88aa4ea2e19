"""The bench's yardstick: the plain batch medallion a user would hand-write for the retail example.

No streaming, no state, no MERGE: every run reads all landing files with the schema, casts,
standardises, quarantines rule failures, keeps the latest version per key, overwrites silver and
recomputes the three gold aggregates. Written once by hand (not generated) and timed beside the
generated pipeline in the same bench run, so the pipeline's incremental machinery has to beat a
full rebuild to be worth having.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from pathlib import Path

from pyspark.sql import Column, DataFrame, SparkSession, Window
from pyspark.sql import functions as F

# Declared types of the retail example, as a hand-written job would spell them out.
SCHEMAS: dict[str, dict[str, str]] = {
    "customers": {
        "customer_id": "string",
        "email": "string",
        "full_name": "string",
        "country": "string",
        "segment": "string",
        "signup_date": "date",
        "updated_at": "timestamp",
    },
    "products": {
        "product_id": "string",
        "name": "string",
        "category": "string",
        "unit_price": "decimal(10,2)",
        "active": "boolean",
        "updated_at": "timestamp",
    },
    "orders": {
        "order_id": "string",
        "customer_id": "string",
        "product_id": "string",
        "quantity": "int",
        "unit_price": "decimal(10,2)",
        "status": "string",
        "order_ts": "timestamp",
        "updated_at": "timestamp",
    },
    "payments": {
        "payment_id": "string",
        "order_id": "string",
        "method": "string",
        "amount": "decimal(12,2)",
        "paid_at": "timestamp",
        "updated_at": "timestamp",
    },
}
FORMATS = {"customers": "csv", "products": "json", "orders": "csv", "payments": "parquet"}
KEYS = {"customers": "customer_id", "products": "product_id", "orders": "order_id", "payments": "payment_id"}


def _read(spark: SparkSession, landing: Path, dataset: str) -> DataFrame:
    """Text formats are read as strings and cast, so a value that does not cast is caught, not nulled."""
    path, fmt, columns = str(landing / dataset), FORMATS[dataset], SCHEMAS[dataset]
    if fmt == "parquet":
        return spark.read.parquet(path)
    reader = spark.read.schema(", ".join(f"`{c}` string" for c in columns))
    raw = reader.option("header", "true").csv(path) if fmt == "csv" else reader.json(path)
    return raw.select(
        *(F.col(c).alias(f"_raw_{c}") for c in columns), *(F.expr(f"try_cast(`{c}` AS {t})").alias(c) for c, t in columns.items())
    )


def _standardise(dataset: str, df: DataFrame) -> DataFrame:
    if dataset == "customers":
        for c in ("email", "full_name", "country", "segment"):
            df = df.withColumn(c, F.trim(c))
        return df.withColumn("email", F.lower("email")).withColumn("country", F.lower("country"))
    if dataset == "products":
        return df.withColumn("name", F.trim("name")).withColumn("category", F.lower(F.trim("category")))
    if dataset == "orders":
        df = df.withColumn("status", F.lower("status")).withColumn("order_date", F.to_date("order_ts"))
        return df.withColumn("line_total", (F.col("quantity") * F.col("unit_price")).cast("decimal(12,2)"))
    return df


def _failures(dataset: str, df: DataFrame) -> Column:
    """True where a row breaks a type, key, ordering or quality rule of the dataset."""
    casts = [F.col(f"_raw_{c}").isNotNull() & F.col(c).isNull() for c in SCHEMAS[dataset] if f"_raw_{c}" in df.columns]
    rules = {
        "customers": [
            F.col("customer_id").isNull(),
            ~F.col("email").rlike(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$"),
            ~F.col("country").isin("nl", "de", "be", "fr", "gb", "us"),
        ],
        "products": [F.col("product_id").isNull(), ~F.col("unit_price").between(0, 100000)],
        "orders": [
            F.col("order_id").isNull(),
            F.col("customer_id").isNull(),
            ~F.col("quantity").between(1, 1000),
            ~F.col("status").isin("placed", "shipped", "completed", "cancelled"),
            F.col("unit_price") < 0,
        ],
        "payments": [
            F.col("payment_id").isNull(),
            F.col("order_id").isNull(),
            ~F.col("method").isin("card", "ideal", "paypal", "giftcard"),
            F.col("amount") < 0,
        ],
    }[dataset]
    checks = [*casts, *rules, F.col("updated_at").isNull()]
    # A null comparison is unknown: coalesce makes "unknown" a failure, as a hand-written job must.
    return F.greatest(*(F.coalesce(c, F.lit(True)) for c in checks)) if len(checks) > 1 else F.coalesce(checks[0], F.lit(True))


def _silver(spark: SparkSession, landing: Path, out: Path, dataset: str) -> None:
    df = _standardise(dataset, _read(spark, landing, dataset))
    df = df.withColumn("_failed", _failures(dataset, df)).cache()
    raw = [c for c in df.columns if c.startswith("_raw_")]
    df.where("_failed").drop("_failed", *raw).write.format("delta").mode("overwrite").save(str(out / "silver" / f"{dataset}_quarantine"))
    latest = Window.partitionBy(KEYS[dataset]).orderBy(F.col("updated_at").desc())
    passed = df.where("NOT _failed").drop("_failed", *raw)
    passed.withColumn("_n", F.row_number().over(latest)).where("_n = 1").drop("_n").write.format("delta").mode("overwrite").option(
        "overwriteSchema", "true"
    ).save(str(out / "silver" / dataset))
    df.unpersist()


def _gold(spark: SparkSession, out: Path) -> None:
    def silver(name: str) -> DataFrame:
        return spark.read.format("delta").load(str(out / "silver" / name))

    def save(name: str, df: DataFrame) -> None:
        df.write.format("delta").mode("overwrite").option("overwriteSchema", "true").save(str(out / "gold" / name))

    orders, products, customers, payments = silver("orders"), silver("products"), silver("customers"), silver("payments")
    save(
        "daily_sales",
        orders.alias("o")
        .join(products.alias("p"), F.col("o.product_id") == F.col("p.product_id"), "left")
        .where(F.col("o.status") != "cancelled")
        .groupBy("o.order_date", "p.category")
        .agg(
            F.sum("o.line_total").alias("revenue"), F.countDistinct("o.order_id").alias("order_count"), F.sum("o.quantity").alias("units")
        ),
    )
    save(
        "customer_value",
        orders.alias("o")
        .join(customers.alias("c"), F.col("o.customer_id") == F.col("c.customer_id"))
        .where(F.col("o.status") == "completed")
        .groupBy("c.customer_id", "c.country", "c.segment")
        .agg(
            F.sum("o.line_total").alias("total_spent"),
            F.countDistinct("o.order_id").alias("order_count"),
            F.min("o.order_ts").alias("first_order_ts"),
            F.max("o.order_ts").alias("last_order_ts"),
        ),
    )
    save("payment_mix", payments.groupBy("method").agg(F.sum("amount").alias("total_amount"), F.count(F.lit(1)).alias("payment_count")))


def run_baseline(spark: SparkSession, landing_root: str, work_root: str) -> dict[str, float]:
    """One full rebuild of every table; returns the wall seconds of each step and the total."""
    landing, out = Path(landing_root), Path(work_root)
    steps: dict[str, Callable[[], None]] = {f"silver_{d}": functools.partial(_silver, spark, landing, out, d) for d in SCHEMAS}
    steps["gold"] = lambda: _gold(spark, out)
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    for name, step in steps.items():
        t0 = time.perf_counter()
        step()
        seconds[name] = round(time.perf_counter() - t0, 1)
    seconds["total"] = round(time.perf_counter() - started, 1)
    return seconds
