"""Delta tables: DDL from column lists, table properties, versions and idempotent appends."""

import time
from collections.abc import Mapping, Sequence

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from .config import Column

#: Commits that change no rows: they neither make gold stale nor count as new data.
MAINTENANCE_OPERATIONS = ("OPTIMIZE", "VACUUM START", "VACUUM END")
#: Tries of a CREATE that lost a race with another task creating the same table.
CREATE_ATTEMPTS = 5


def qualified(catalog: str, table: str) -> str:
    """catalog.schema.table from the configuration's schema.table."""
    return f"{catalog}.{table}"


def ident(name: str) -> str:
    """A Spark SQL identifier, back-quoted so any column name is safe."""
    return "`" + name.replace("`", "``") + "`"


def ddl_column(column: Column) -> str:
    return f"{ident(column['name'])} {column['type']}{' NOT NULL' if column.get('nullable', True) is False else ''}"


def table_properties(change_data_feed: bool, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """Compaction on write for every table; the change feed only where a reader consumes it."""
    props = {"delta.autoOptimize.optimizeWrite": "true", "delta.autoOptimize.autoCompact": "true"}
    if change_data_feed:
        props["delta.enableChangeDataFeed"] = "true"
    return {**props, **(extra or {})}


def properties_clause(props: Mapping[str, str]) -> str:
    return "TBLPROPERTIES (" + ", ".join(f"'{k}' = '{v}'" for k, v in props.items()) + ")"


def create_table(
    spark: SparkSession, table: str, columns: Sequence[Column], props: Mapping[str, str], cluster_by: Sequence[str] = ()
) -> None:
    """CREATE TABLE IF NOT EXISTS: a no-op (no commit) when the table is there.

    Tasks running at once create a shared table (the quality results) at once: all but one lose
    the race for its first commit (Delta's DELTA_PROTOCOL_CHANGED, "multiple writers are writing to
    an empty directory") or its catalog entry. A loser finds the table there, or tries again.
    """
    clustering = f" CLUSTER BY ({', '.join(ident(c) for c in cluster_by)})" if cluster_by else ""
    columns_ddl = ", ".join(ddl_column(c) for c in columns)
    statement = f"CREATE TABLE IF NOT EXISTS {table} ({columns_ddl}) USING DELTA{clustering} {properties_clause(props)}"
    for attempt in range(1, CREATE_ATTEMPTS + 1):
        try:
            spark.sql(statement)
            return
        except Exception:
            if spark.catalog.tableExists(table):
                return
            if attempt == CREATE_ATTEMPTS:
                raise
            time.sleep(0.5 * attempt)


def latest_version(spark: SparkSession, table: str) -> int:
    """The table's current version."""
    return int(spark.sql(f"DESCRIBE HISTORY {table} LIMIT 1").first()["version"])  # type: ignore[index]


def data_version(spark: SparkSession, table: str) -> int:
    """The table's last version that changed rows (maintenance commits skipped)."""
    history = spark.sql(f"DESCRIBE HISTORY {table}").where(~F.col("operation").isin(*MAINTENANCE_OPERATIONS))
    return int(history.agg(F.max("version")).first()[0])  # type: ignore[index]


def table_property(spark: SparkSession, table: str, key: str) -> str | None:
    """A table property, None when unset."""
    rows = spark.sql(f"SHOW TBLPROPERTIES {table}").where(F.col("key") == key).collect()
    return str(rows[0]["value"]) if rows else None


def set_table_property(spark: SparkSession, table: str, key: str, value: str) -> None:
    spark.sql(f"ALTER TABLE {table} SET TBLPROPERTIES ('{key}' = '{value}')")


def append_once(frame: DataFrame, table: str, app_id: str, version: int) -> None:
    """Appends once: Delta skips a txnVersion it has already seen for this app id, so a retried task adds nothing twice."""
    frame.write.format("delta").mode("append").option("txnAppId", app_id).option("txnVersion", version).saveAsTable(table)
