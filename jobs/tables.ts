/** Delta DDL shared by the layer emitters: column lists, types, table properties. */
import type { ColumnSpec, DatasetSpec } from "../platform";
import type { CodeWriter } from "./code-writer";

export interface Column {
  readonly name: string;
  readonly type: string;
  readonly nullable?: boolean;
}

/** Spark SQL type as DDL writes it: STRING, DECIMAL(10,2). */
export const sqlType = (type: string) => type.toUpperCase();

/**
 * The type a landing column has in bronze. Text formats land as strings, so every value parses
 * and a bad one reaches silver's type rule (and quarantine) intact; parquet is typed at the source.
 */
export const landingType = (ds: DatasetSpec, c: ColumnSpec) => (ds.source.format === "parquet" ? c.type : "string");

export const landingColumns = (ds: DatasetSpec): Column[] => ds.columns.map((c) => ({ name: c.name, type: landingType(ds, c) }));

/** Bronze lineage: rescued values and where and when a row was ingested. */
export const BRONZE_AUDIT: ReadonlyArray<Column> = [
  { name: "_rescued_data", type: "string" },
  { name: "_source_file", type: "string" },
  { name: "_ingested_at", type: "timestamp" },
  { name: "_run_id", type: "string" },
];

export const bronzeColumns = (ds: DatasetSpec): Column[] => [...landingColumns(ds), ...BRONZE_AUDIT];

/** Compaction on write for every table; the change feed only where a reader consumes it. */
export const tableProperties = (changeDataFeed: boolean): Record<string, string> => ({
  "delta.autoOptimize.optimizeWrite": "true",
  "delta.autoOptimize.autoCompact": "true",
  ...(changeDataFeed ? { "delta.enableChangeDataFeed": "true" } : {}),
});

export const ddlColumn = (c: Column) => `${c.name} ${sqlType(c.type)}${c.nullable === false ? " NOT NULL" : ""}`;

const propertyLines = (props: Record<string, string>) => Object.entries(props).map(([k, v]) => `'${k}' = '${v}'`);

/** `CREATE TABLE IF NOT EXISTS` as a spark.sql call over an f-string naming the table constant. */
export function createTable(
  w: CodeWriter,
  table: string,
  columns: ReadonlyArray<Column>,
  props: Record<string, string>,
  clusterBy: ReadonlyArray<string> = [],
): void {
  w.line('spark.sql(f"""');
  w.list(`CREATE TABLE IF NOT EXISTS {${table}} (`, columns.map(ddlColumn), ")", false);
  w.line("USING DELTA");
  if (clusterBy.length > 0) w.line(`CLUSTER BY (${clusterBy.join(", ")})`);
  propertiesClause(w, props);
  w.line('""")');
}

export function propertiesClause(w: CodeWriter, props: Record<string, string>): void {
  w.list("TBLPROPERTIES (", propertyLines(props), ")", false);
}
