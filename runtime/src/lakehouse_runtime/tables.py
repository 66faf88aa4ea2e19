"""Delta tables: DDL from column lists, table properties, versions and idempotent appends."""

import time
from collections.abc import Mapping, Sequence

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

from .config import Column, TableGovernance

#: Commits that change no rows: they neither make gold stale nor count as new data.
MAINTENANCE_OPERATIONS = ("OPTIMIZE", "VACUUM START", "VACUUM END", "SET TBLPROPERTIES")

#: Days the log outlives the files a layer keeps: maintenance decides VACUUM from the table history, so
#: the commits whose removed files just aged past the retention must still be in it; a paused schedule up
#: to this long still finds them (maintenance.due covers a longer gap).
LOG_RETENTION_MARGIN_DAYS = 30
#: Tries of a CREATE that lost a race with another task creating the same table.
CREATE_ATTEMPTS = 5


def qualified(catalog: str, table: str) -> str:
    """catalog.schema.table from the configuration's schema.table."""
    return f"{catalog}.{table}"


def ident(name: str) -> str:
    """A Spark SQL identifier, back-quoted so any column name is safe."""
    return "`" + name.replace("`", "``") + "`"


def ddl_column(column: Column, mask: str | None = None) -> str:
    not_null = " NOT NULL" if column.get("nullable", True) is False else ""
    return f"{ident(column['name'])} {column['type']}{not_null}{f' MASK {mask}' if mask else ''}"


def in_catalog(catalog: str, governance: TableGovernance) -> TableGovernance:
    """The masks and row filter with their functions qualified by the catalog, as a table's definition names them."""
    row_filter = governance["row_filter"]
    return {
        "masks": {column: f"{catalog}.{function}" for column, function in governance["masks"].items()},
        "row_filter": None if row_filter is None else {"function": f"{catalog}.{row_filter['function']}", "columns": row_filter["columns"]},
    }


def row_filter_clause(governance: TableGovernance | None) -> str:
    """WITH ROW FILTER f ON (columns), or nothing (https://docs.databricks.com/aws/en/sql/language-manual/sql-ref-syntax-ddl-row-filter)."""
    row_filter = governance["row_filter"] if governance else None
    return f" WITH ROW FILTER {row_filter['function']} ON ({', '.join(ident(c) for c in row_filter['columns'])})" if row_filter else ""


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
    spark: SparkSession,
    table: str,
    columns: Sequence[Column],
    props: Mapping[str, str],
    cluster_by: Sequence[str] = (),
    governance: TableGovernance | None = None,
) -> None:
    """CREATE TABLE IF NOT EXISTS: a no-op (no commit) when the table is there.

    With governance (Unity Catalog only, catalog-qualified: in_catalog), the masks and the row filter
    are part of the definition, so the table is never readable without them: a column's MASK clause
    and WITH ROW FILTER (https://docs.databricks.com/aws/en/sql/language-manual/sql-ref-syntax-ddl-create-table-using).

    Tasks running at once create a shared table (the quality results) at once: all but one lose
    the race for its first commit (Delta's DELTA_PROTOCOL_CHANGED, "multiple writers are writing to
    an empty directory") or its catalog entry. A loser finds the table there, or tries again.
    """
    masks = governance["masks"] if governance else {}
    unknown = sorted(set(masks) - {c["name"] for c in columns})
    if unknown:
        raise ValueError(f"{table}: masks on columns the table does not have: {unknown}")
    clustering = f" CLUSTER BY ({', '.join(ident(c) for c in cluster_by)})" if cluster_by else ""
    columns_ddl = ", ".join(ddl_column(c, masks.get(c["name"])) for c in columns)
    definition = f"({columns_ddl}) USING DELTA{clustering}{row_filter_clause(governance)} {properties_clause(props)}"
    statement = f"CREATE TABLE IF NOT EXISTS {table} {definition}"
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


def table_id(spark: SparkSession, table: str) -> str:
    """The Delta table's id: a table dropped and created again under the same name has a new one."""
    return str(spark.sql(f"DESCRIBE DETAIL {table}").first()["id"])  # type: ignore[index]


def data_version(spark: SparkSession, table: str) -> int:
    """The table's last version that changed rows (maintenance commits skipped)."""
    history = spark.sql(f"DESCRIBE HISTORY {table}").where(~F.col("operation").isin(*MAINTENANCE_OPERATIONS))
    return int(history.agg(F.max("version")).first()[0])  # type: ignore[index]


def table_property(spark: SparkSession, table: str, key: str) -> str | None:
    """A table property, None when unset."""
    rows = spark.sql(f"SHOW TBLPROPERTIES {table}").where(F.col("key") == key).collect()
    return str(rows[0]["value"]) if rows else None


def converge_properties(spark: SparkSession, table: str, props: Mapping[str, str]) -> bool:
    """Sets the properties that differ from `props`, in one commit; no commit when none does. Whether it set any."""
    current = {row["key"]: row["value"] for row in spark.sql(f"SHOW TBLPROPERTIES {table}").collect()}
    if all(current.get(key) == value for key, value in props.items()):
        return False
    spark.sql(f"ALTER TABLE {table} SET {properties_clause(props)}")
    return True
