"""Delta tables: DDL from column lists, table properties, versions and idempotent appends."""

from collections.abc import Mapping, Sequence

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from .config import Column

#: Commits that change no rows: they neither make gold stale nor count as new data.
MAINTENANCE_OPERATIONS = ("OPTIMIZE", "VACUUM START", "VACUUM END", "SET TBLPROPERTIES")

#: Days the log outlives the files a layer keeps: maintenance decides VACUUM from the table history, so
#: the commits whose removed files just aged past the retention must still be in it; a paused schedule up
#: to this long still finds them (maintenance.due covers a longer gap).
LOG_RETENTION_MARGIN_DAYS = 30


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


def retention_properties(days: int) -> dict[str, str]:
    """A layer's retention as Delta table properties: removed files are kept `days` (what VACUUM honours
    and time travel reaches), the log a margin longer. Without them Delta drops history after 30 days
    and keeps removed files 7, whatever the spec says."""
    return {
        "delta.deletedFileRetentionDuration": f"interval {days} days",
        "delta.logRetentionDuration": f"interval {days + LOG_RETENTION_MARGIN_DAYS} days",
    }


def properties_clause(props: Mapping[str, str]) -> str:
    return "TBLPROPERTIES (" + ", ".join(f"'{k}' = '{v}'" for k, v in props.items()) + ")"


def create_table(
    spark: SparkSession, table: str, columns: Sequence[Column], props: Mapping[str, str], cluster_by: Sequence[str] = ()
) -> None:
    """CREATE TABLE IF NOT EXISTS: a no-op (no commit) when the table is there."""
    clustering = f" CLUSTER BY ({', '.join(ident(c) for c in cluster_by)})" if cluster_by else ""
    columns_ddl = ", ".join(ddl_column(c) for c in columns)
    spark.sql(f"CREATE TABLE IF NOT EXISTS {table} ({columns_ddl}) USING DELTA{clustering} {properties_clause(props)}")


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


def converge_properties(spark: SparkSession, table: str, props: Mapping[str, str]) -> bool:
    """Sets the properties that differ from `props`, in one commit; no commit when none does. Whether it set any."""
    current = {row["key"]: row["value"] for row in spark.sql(f"SHOW TBLPROPERTIES {table}").collect()}
    if all(current.get(key) == value for key, value in props.items()):
        return False
    spark.sql(f"ALTER TABLE {table} SET {properties_clause(props)}")
    return True


def append_once(frame: DataFrame, table: str, app_id: str, version: int) -> None:
    """Appends once: Delta skips a txnVersion it has already seen for this app id, so a retried task adds nothing twice."""
    frame.write.format("delta").mode("append").option("txnAppId", app_id).option("txnVersion", version).saveAsTable(table)
