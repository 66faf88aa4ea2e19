"""The configuration a notebook passes to the runtime: data generated from the spec (jobs/ in the
TypeScript half). Table names are schema.table; the catalog is a job parameter."""

from typing import Literal, NotRequired, TypedDict


class Column(TypedDict):
    name: str
    #: Spark SQL type as DDL writes it: STRING, DECIMAL(10,2).
    type: str
    nullable: NotRequired[bool]


class BronzeConfig(TypedDict):
    dataset: str
    table: str
    format: Literal["csv", "json", "parquet"]
    #: CSV only: whether the first line holds the column names.
    header: bool
    #: The spec's columns as they land: strings for text formats, typed for parquet.
    columns: list[Column]


class SilverColumn(TypedDict):
    name: str
    type: str
    #: Whether bronze holds the value as text that silver casts (text formats) or already typed.
    cast: bool


class Transformation(TypedDict):
    kind: Literal["trim", "lowercase", "uppercase", "derive"]
    columns: NotRequired[list[str]]
    column: NotRequired[str]
    expression: NotRequired[str]
    type: NotRequired[str]


RuleKind = Literal["type", "well_formed", "column_set", "not_null", "unique", "between", "in_set", "regex", "sql"]


class Rule(TypedDict):
    #: The name quarantine's _failed_rules and the quality results report.
    name: str
    kind: RuleKind
    column: NotRequired[str]
    min: NotRequired[float]
    max: NotRequired[float]
    values: NotRequired[list[str | float]]
    regex: NotRequired[str]
    expression: NotRequired[str]


class SilverConfig(TypedDict):
    dataset: str
    bronze_table: str
    silver_table: str
    quarantine_table: str
    quality_table: str
    #: Bronze's landing columns (quarantine keeps the raw row in them).
    landing_columns: list[Column]
    columns: list[SilverColumn]
    #: silver's columns with their nullability: the spec's and the derived ones.
    silver_columns: list[Column]
    transformations: list[Transformation]
    rules: list[Rule]
    primary_key: list[str]
    ordering_column: str
    max_failed_fraction: float
    #: The gate trips only when at least this many rows of a batch failed (and the fraction is above max_failed_fraction).
    min_failed_rows: int
    schema_evolution: Literal["addNewColumns", "fail"]


class GoldConfig(TypedDict):
    table: str
    #: Each input dataset's silver table; the query reads them as IDENTIFIER(:<dataset>).
    inputs: dict[str, str]
    #: The SELECT, one clause per line.
    query: list[str]
    cluster_by: list[str]


class MaintainedTable(TypedDict):
    layer: Literal["bronze", "silver", "gold"]
    table: str


class MaintenanceConfig(TypedDict):
    tables: list[MaintainedTable]


class GovernanceStatement(TypedDict):
    #: The schema.table the statement alters, or None for a CREATE FUNCTION.
    table: str | None
    sql: str


class GovernanceConfig(TypedDict):
    #: In the order they must run: the functions first, then tags, masks and row filters.
    statements: list[GovernanceStatement]
