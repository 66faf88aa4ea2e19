"""An independent reading of the sample landing files in plain Python: the retail example's rules,
standardisation, latest-version-wins and gold aggregates written out by hand (no Spark SQL, no
generated code), to hold the pipeline's tables against."""

import csv
import json
import re
from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")
COUNTRIES = {"nl", "de", "be", "fr", "gb", "us"}
STATUSES = {"placed", "shipped", "completed", "cancelled"}
METHODS = {"card", "ideal", "paypal", "giftcard"}


def _ts(text):
    try:
        return datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def _date(text):
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def _decimal(text):
    try:
        return Decimal(str(text)).quantize(Decimal("0.01"))
    except (InvalidOperation, TypeError):
        return None


def _int(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


def csv_rows(files):
    """Rows by header name; empty fields are null; a row whose field count differs is malformed."""
    for path in files:
        with open(path, newline="") as f:
            reader = csv.reader(f)
            header = next(reader)
            for fields in reader:
                if fields:
                    row = {k: (v if v != "" else None) for k, v in zip(header, fields, strict=False)}  # malformed rows flagged below
                    yield row, len(fields) == len(header)


def customers(files):
    valid = []
    for row, well_formed in csv_rows(files):
        email = (row.get("email") or "").strip().lower() or None
        country = (row.get("country") or "").strip().lower() or None
        ok = (
            well_formed
            and row["customer_id"]
            and _ts(row["updated_at"])
            and (row["signup_date"] is None or _date(row["signup_date"]))
            and (email is None or EMAIL.match(email))
            and (country is None or country in COUNTRIES)
        )
        if ok:
            valid.append(
                {
                    "customer_id": row["customer_id"],
                    "country": country,
                    "segment": (row["segment"] or "").strip() or None,
                    "updated_at": _ts(row["updated_at"]),
                }
            )
    return latest(valid, "customer_id")


def products(files):
    valid = []
    for path in files:
        for line in Path(path).read_text().splitlines():
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue
            price = _decimal(row.get("unit_price"))
            if row.get("product_id") and _ts(row.get("updated_at")) and (price is None or 0 <= price <= 100000):
                valid.append(
                    {
                        "product_id": row["product_id"],
                        "category": (row.get("category") or "").strip().lower() or None,
                        "updated_at": _ts(row["updated_at"]),
                    }
                )
    return latest(valid, "product_id")


def orders(files):
    valid = []
    for row, well_formed in csv_rows(files):
        quantity, price, status = _int(row["quantity"]), _decimal(row["unit_price"]), (row["status"] or "").lower() or None
        ok = (
            well_formed
            and row["order_id"]
            and _ts(row["updated_at"])
            and row["customer_id"]
            and (row["quantity"] is None or quantity is not None)
            and (quantity is None or 1 <= quantity <= 1000)
            and (status is None or status in STATUSES)
            and price is not None
            and price >= 0
        )
        if ok:
            order_ts = _ts(row["order_ts"])
            valid.append(
                {
                    "order_id": row["order_id"],
                    "customer_id": row["customer_id"],
                    "product_id": row["product_id"],
                    "quantity": quantity,
                    "status": status,
                    "order_ts": order_ts,
                    "order_date": order_ts.date() if order_ts else None,
                    "line_total": (quantity * price).quantize(Decimal("0.01")),
                    "updated_at": _ts(row["updated_at"]),
                }
            )
    return latest(valid, "order_id")


def payments(rows):
    valid = [
        r
        for r in rows
        if r["payment_id"]
        and r["order_id"]
        and r["updated_at"]
        and (r["method"] is None or r["method"] in METHODS)
        and (r["amount"] is None or r["amount"] >= 0)
    ]
    return latest(valid, "payment_id")


def latest(rows, key):
    """Latest version of each key by updated_at."""
    out = {}
    for r in rows:
        if r[key] not in out or r["updated_at"] > out[r[key]]["updated_at"]:
            out[r[key]] = r
    return out


def daily_sales(orders_by_id, products_by_id):
    groups = defaultdict(lambda: {"revenue": Decimal(0), "orders": set(), "units": 0})
    for o in orders_by_id.values():
        if o["status"] == "cancelled":
            continue
        category = products_by_id.get(o["product_id"], {}).get("category")
        g = groups[(o["order_date"], category)]
        g["revenue"] += o["line_total"]
        g["orders"].add(o["order_id"])
        g["units"] += o["quantity"]
    return {k: (v["revenue"], len(v["orders"]), v["units"]) for k, v in groups.items()}


def customer_value(orders_by_id, customers_by_id):
    groups = defaultdict(list)
    for o in orders_by_id.values():
        c = customers_by_id.get(o["customer_id"])
        if o["status"] == "completed" and c:
            groups[(c["customer_id"], c["country"], c["segment"])].append(o)
    return {
        k: (
            sum(o["line_total"] for o in os),
            len({o["order_id"] for o in os}),
            min(o["order_ts"] for o in os),
            max(o["order_ts"] for o in os),
        )
        for k, os in groups.items()
    }


def payment_mix(payments_by_id):
    groups = defaultdict(lambda: [Decimal(0), 0])
    for p in payments_by_id.values():
        groups[p["method"]][0] += p["amount"]
        groups[p["method"]][1] += 1
    return {k: tuple(v) for k, v in groups.items()}
