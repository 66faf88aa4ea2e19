import type { ColumnSpec, DatasetSpec } from "./schema";

/** The columns a dataset has in silver: its declared columns, then the derived ones in order. */
export function silverColumns(ds: DatasetSpec): ColumnSpec[] {
  const derived = ds.transformations.flatMap((t) =>
    t.kind === "derive" ? [{ name: t.column, type: t.type, nullable: true, pii: false, description: `derived: ${t.expression}` }] : [],
  );
  return [...ds.columns, ...derived];
}
