import type { ColumnSpec, DatasetSpec } from "./schema";

/** The columns a dataset has in silver: its declared columns, then the derived ones in order. */
export function silverColumns(ds: DatasetSpec): ColumnSpec[] {
  const derived = ds.transformations.flatMap((t) =>
    t.kind === "derive" ? [{ name: t.column, type: t.type, nullable: true, pii: false, description: `derived: ${t.expression}` }] : [],
  );
  return [...ds.columns, ...derived];
}

/** The dataset and column a gold reference names, or undefined when it does not resolve (the gold rules report that). */
export function resolveColumn(
  ref: string,
  inputs: ReadonlyArray<string>,
  columns: ReadonlyMap<string, ColumnSpec[]>,
): { dataset: string; column: ColumnSpec } | undefined {
  const [ds, col] = ref.includes(".") ? ref.split(".") : [undefined, ref];
  const owners = ds !== undefined ? [ds] : inputs.filter((name) => columns.get(name)?.some((c) => c.name === col));
  const column = owners.length === 1 ? columns.get(owners[0])?.find((c) => c.name === col) : undefined;
  return column && { dataset: owners[0], column };
}
