"""Writes the sample landing files the pipeline suite runs on (committed; rerun only to change them).

Two batches, one folder per dataset. Besides clean rows they hold what the pipeline must survive:
rule violations, a value that does not cast, a malformed JSON line, a CSV row with a surplus field,
several versions of one key (latest wins, a stale update loses) and, in batch 2, an orders file
with a column the spec does not have.
Run from the repo root: PYTHONPATH=harness/src .venv/bin/python __tests__/pipeline/data/make_samples.py
"""

import json
import shutil
from decimal import Decimal
from pathlib import Path

from lakehouse_harness.spark import spark_session

HERE = Path(__file__).resolve().parent

CUSTOMERS_HEADER = "customer_id,email,full_name,country,segment,signup_date,updated_at"
ORDERS_HEADER = "order_id,customer_id,product_id,quantity,unit_price,status,order_ts,updated_at"


def customers_batch1():
    rows = [CUSTOMERS_HEADER]
    segments = ["retail", "business", "retail", "vip"]
    countries = [" NL ", "de", "BE", "fr", "gb", "us"]
    for i in range(1, 11):
        email = f"Customer{i}@Example.COM" if i == 1 else f"customer{i}@example.com"
        rows.append(f"c{i:02d},{email}, Name {i} ,{countries[i % 6]},{segments[i % 4]},2025-01-{i:02d},2026-01-01 10:00:00")
    rows.append("c11,not-an-email,Name 11,nl,retail,2025-02-01,2026-01-01 10:00:00")
    rows.append("c12,customer12@example.com,Name 12,XX,retail,2025-02-02,2026-01-01 10:00:00")
    return rows


def customers_batch2():
    return [
        CUSTOMERS_HEADER,
        "c01,customer1@example.com,Name 1,nl,vip,2025-01-01,2026-02-01 10:00:00",
        "c02,stale@example.com,Name 2,de,retail,2025-01-02,2025-12-01 10:00:00",
        "c13,customer13@example.com,Name 13,us,business,2025-03-01,2026-02-01 10:00:00",
    ]


def products_batch1():
    categories = [" Toys ", "Books", "garden", "TOYS"]
    lines = [
        json.dumps(
            {
                "product_id": f"p{i:02d}",
                "name": f" Product {i} ",
                "category": categories[i % 4],
                "unit_price": f"{i * 2.5:.2f}",
                "active": i % 3 != 0,
                "updated_at": "2026-01-01T08:00:00",
            }
        )
        for i in range(1, 9)
    ]
    lines.append(
        json.dumps(
            {
                "product_id": "p09",
                "name": "Broken",
                "category": "books",
                "unit_price": -5,
                "active": True,
                "updated_at": "2026-01-01T08:00:00",
            }
        )
    )
    lines.append('{"product_id": "p10", "name": "Truncated", ')
    return lines


def order(order_id, customer, product, quantity, price, status, day, updated):
    return f"{order_id},{customer},{product},{quantity},{price},{status},2026-01-{day:02d} 12:00:00,{updated}"


def orders_batch1():
    statuses = ["placed", "shipped", "completed", "cancelled", "COMPLETED"]
    rows = [ORDERS_HEADER]
    for i in range(1, 18):
        rows.append(
            order(
                f"o{i:02d}",
                f"c{(i % 10) + 1:02d}",
                f"p{(i % 8) + 1:02d}",
                (i % 4) + 1,
                f"{(i % 8 + 1) * 2.5:.2f}",
                statuses[i % 5],
                (i % 5) + 1,
                "2026-01-10 00:00:00",
            )
        )
    # o05 twice: the later version wins.
    rows.append(order("o05", "c06", "p06", 9, "15.00", "completed", 2, "2026-01-11 00:00:00"))
    rows.append(order("o18", "c01", "p01", 0, "2.50", "placed", 1, "2026-01-10 00:00:00"))
    rows.append(order("o19", "c01", "p01", 1, "2.50", "unknown", 1, "2026-01-10 00:00:00"))
    rows.append(order("o20", "", "p01", 1, "2.50", "placed", 1, "2026-01-10 00:00:00"))
    rows.append(order("o21", "c01", "p01", "abc", "2.50", "placed", 1, "2026-01-10 00:00:00"))
    return rows


def orders_batch2():
    rows = [ORDERS_HEADER + ",channel"]
    rows.append(order("o02", "c03", "p03", 3, "7.50", "completed", 3, "2026-02-01 00:00:00") + ",web")
    rows.append(order("o03", "c04", "p04", 1, "99.00", "completed", 4, "2026-01-01 00:00:00") + ",web")
    rows.append(order("o22", "c13", "p02", 2, "5.00", "completed", 6, "2026-02-01 00:00:00") + ",app")
    rows.append(order("o23", "c02", "p08", 4, "20.00", "shipped", 6, "2026-02-01 00:00:00") + ",app")
    rows.append(order("o25", "c01", "p01", 1, "2.50", "completed", 7, "2026-02-01 00:00:00") + ",")
    rows.append(order("o24", "c01", "p01", 1, "2.50", "placed", 7, "2026-02-01 00:00:00") + ",web,surplus")
    return rows


def payments_batch1():
    methods = ["card", "ideal", "paypal", "giftcard"]
    rows = [(f"pay{i:02d}", f"o{i:02d}", methods[i % 4], Decimal(f"{i * 10}.50"), f"2026-01-0{(i % 5) + 1} 13:00:00") for i in range(1, 9)]
    rows.append(("pay09", "o09", "cash", Decimal("12.00"), "2026-01-02 13:00:00"))
    rows.append(("pay10", "o10", "card", Decimal("-1.00"), "2026-01-02 13:00:00"))
    return [(*r, "2026-01-10 00:00:00") for r in rows]


def payments_batch2():
    return [
        ("pay01", "o01", "card", Decimal("11.00"), "2026-01-02 13:00:00", "2026-02-01 00:00:00"),
        ("pay11", "o22", "ideal", Decimal("10.00"), "2026-02-06 13:00:00", "2026-02-01 00:00:00"),
    ]


def customers_failing():
    """Three of five rows break a rule: above the dataset's 20 % threshold."""
    return [
        CUSTOMERS_HEADER,
        "c20,customer20@example.com,Name 20,nl,retail,2025-04-01,2026-03-01 10:00:00",
        "c21,customer21@example.com,Name 21,de,retail,2025-04-01,2026-03-01 10:00:00",
        "c22,bad-email,Name 22,nl,retail,2025-04-01,2026-03-01 10:00:00",
        "c23,customer23@example.com,Name 23,zz,retail,2025-04-01,2026-03-01 10:00:00",
        "c24,customer24@example.com,Name 24,nl,retail,not-a-date,2026-03-01 10:00:00",
    ]


def write_text(path, lines):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n")


def write_parquet(spark, path, rows, extra=None):
    """One parquet file, typed as a payment provider would write it (plus an `extra` column)."""
    frame = spark.createDataFrame(
        rows, "payment_id STRING, order_id STRING, method STRING, amount DECIMAL(12,2), paid_at STRING, updated_at STRING"
    ).selectExpr(
        "payment_id",
        "order_id",
        "method",
        "amount",
        "CAST(paid_at AS TIMESTAMP) AS paid_at",
        "CAST(updated_at AS TIMESTAMP) AS updated_at",
        *([extra] if extra else []),
    )
    scratch = path.parent / f".{path.stem}"
    frame.coalesce(1).write.mode("overwrite").parquet(str(scratch))
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(next(scratch.glob("part-*.parquet"))), path)
    shutil.rmtree(scratch)


def main():
    write_text(HERE / "batch1" / "customers" / "customers_001.csv", customers_batch1())
    write_text(HERE / "batch2" / "customers" / "customers_002.csv", customers_batch2())
    write_text(HERE / "batch1" / "products" / "products_001.json", products_batch1())
    write_text(HERE / "batch1" / "orders" / "orders_001.csv", orders_batch1())
    write_text(HERE / "batch2" / "orders" / "orders_002.csv", orders_batch2())
    spark = spark_session(Path("/tmp/lakehouse-samples-warehouse"), "samples")
    write_parquet(spark, HERE / "batch1" / "payments" / "payments_001.parquet", payments_batch1())
    write_parquet(spark, HERE / "batch2" / "payments" / "payments_002.parquet", payments_batch2())
    write_text(HERE / "failing" / "customers" / "customers_003.csv", customers_failing())
    # payments' schemaEvolution is "fail": a file with a new column must stop the pipeline.
    write_parquet(
        spark,
        HERE / "failing" / "payments" / "payments_003.parquet",
        [("pay12", "o23", "card", Decimal("80.00"), "2026-03-01 13:00:00", "2026-03-01 00:00:00")],
        extra="'EUR' AS currency",
    )
    spark.stop()


if __name__ == "__main__":
    main()
