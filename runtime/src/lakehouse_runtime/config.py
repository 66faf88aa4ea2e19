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


# The rules silver checks per row, one type per kind (jobs/quality.ts's RowRule is the same union).
# `name` is what quarantine's _failed_rules and the quality results report.


class TypeRule(TypedDict):
    name: str
    kind: Literal["type"]
    column: str


class WellFormedRule(TypedDict):
    name: str
    kind: Literal["well_formed"]


class ColumnSetRule(TypedDict):
    name: str
    kind: Literal["column_set"]


class NotNullRule(TypedDict):
    name: str
    kind: Literal["not_null"]
    column: str


class UniqueRule(TypedDict):
    name: str
    kind: Literal["unique"]
    column: str


class BetweenRule(TypedDict):
    name: str
    kind: Literal["between"]
    column: str
    min: NotRequired[float]
    max: NotRequired[float]


class InSetRule(TypedDict):
    name: str
    kind: Literal["in_set"]
    column: str
    values: list[str | float]


class RegexRule(TypedDict):
    name: str
    kind: Literal["regex"]
    column: str
    regex: str


class SqlRule(TypedDict):
    name: str
    kind: Literal["sql"]
    expression: str


Rule = TypeRule | WellFormedRule | ColumnSetRule | NotNullRule | UniqueRule | BetweenRule | InSetRule | RegexRule | SqlRule


class RowFilter(TypedDict):
    #: schema.function; the runtime qualifies it with the catalog.
    function: str
    columns: list[str]


class TableGovernance(TypedDict):
    """What a governed table's definition carries on Unity Catalog."""

    #: Column -> the schema.function masking it.
    masks: dict[str, str]
    row_filter: RowFilter | None


class SilverGovernance(TypedDict):
    silver: TableGovernance
    quarantine: TableGovernance


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
    governance: SilverGovernance


class GoldConfig(TypedDict):
    table: str
    #: Each input dataset's silver table; the query reads them as IDENTIFIER(:<dataset>).
    inputs: dict[str, str]
    #: The SELECT, one clause per line.
    query: list[str]
    cluster_by: list[str]
    governance: TableGovernance


class MaintainedTable(TypedDict):
    layer: Literal["bronze", "silver", "gold"]
    table: str


class MaintenanceConfig(TypedDict):
    tables: list[MaintainedTable]


class GovernanceSetupConfig(TypedDict):
    #: CREATE OR REPLACE FUNCTION statements: the masks and row filters.
    functions: list[str]


class GovernanceStatement(TypedDict):
    #: The schema.table the statement alters.
    table: str
    sql: str


class GovernanceConfig(TypedDict):
    #: Tags, masks and row filters, table by table; the functions exist (governance_setup).
    statements: list[GovernanceStatement]
    #: Every table of the pipeline (schema.table) with the masks and row filter it should carry.
    tables: dict[str, TableGovernance]


class ExpectationsTarget(TypedDict):
    dataset: str
    #: The silver table the suite validates (schema.table).
    table: str
    #: The suite's file in the deployed expectations folder (<dataset>.json).
    suite_file: str


class ExpectationsConfig(TypedDict):
    #: Where GX's results go, one row per expectation per run (schema.table).
    results_table: str
    targets: list[ExpectationsTarget]


class TrainingConfig(TypedDict):
    #: The registered model's name in the catalog's ml schema: ml.<name>.
    model: str
    #: The gold table it learns from, schema.table.
    table: str
    features: list[str]
    label: str
    #: The alias the new version takes (e.g. "champion"): serving and batch scoring load by alias.
    alias: str
    #: Ridge regression's regularization strength.
    alpha: float
    #: Fraction of rows held out for the metrics.
    test_fraction: float
    #: The hold-out metric a new version must improve on the alias's current version to take the alias.
    metric: Literal["rmse", "mae", "r2"]


class ScoringConfig(TypedDict):
    #: The registered model's name in the catalog's ml schema: ml.<name>.
    model: str
    #: The version scoring loads: models:/<catalog>.ml.<model>@<alias>.
    alias: str
    #: The gold table it scores, schema.table.
    source_table: str
    #: The gold table the predictions replace, schema.table.
    predictions_table: str
    #: The source's grouping key columns, which identify a prediction's row.
    keys: list[str]
    features: list[str]
    #: The masks and row filter the predictions table is created with (the source's, on the columns it keeps).
    governance: TableGovernance
