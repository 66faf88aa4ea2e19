/** Column lists as the runtime's configuration carries them: name, Spark SQL type, nullability. */
import type { ColumnSpec, DatasetSpec } from "../platform";

export interface Column {
  readonly [field: string]: string | boolean | undefined;
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

export const landingColumns = (ds: DatasetSpec): Column[] => ds.columns.map((c) => ({ name: c.name, type: sqlType(landingType(ds, c)) }));
