/**
 * The gold notebook of one aggregate: its SQL (the one thing TypeScript writes besides data),
 * inputs, group-by columns and clustering as configuration, and lakehouse_runtime.gold.run, which
 * builds the table whole the first time, then recomputes and merges only the groups the inputs'
 * change feed touched, and writes nothing when no input has new data.
 */
import * as naming from "../naming";
import type { GoldAggregateSpec, Platform } from "../platform";
import { goldInputs, goldQuery, outputName } from "./gold-query";
import { taskNotebook } from "./notebook";
import type { PyValue } from "./python";
import { catalogWidget, runtimePathWidget, type Widget } from "./widgets";

export const goldWidgets = (): Widget[] => [runtimePathWidget, catalogWidget];

export const goldConfig = (g: GoldAggregateSpec, platform: Platform): PyValue => ({
  table: `${naming.schemaName("gold")}.${naming.goldTable(g)}`,
  inputs: Object.fromEntries(goldInputs(g).map((name) => [name, `${naming.schemaName("silver")}.${naming.silverTable({ name })}`])),
  query: goldQuery(g, platform),
  group_by: g.groupBy.map(outputName),
  // The runtime finds the changed groups by running the query with one input replaced by its
  // changed rows; that says nothing when a dataset is read twice (a self-join), so such an
  // aggregate is rebuilt whole whenever an input changed.
  incremental: new Set(goldInputs(g)).size === goldInputs(g).length,
  cluster_by: g.clusterBy ?? g.groupBy.map(outputName),
});

export function goldNotebook(g: GoldAggregateSpec, platform: Platform): string {
  return taskNotebook(
    [
      `# Gold: ${g.name}`,
      ...(g.description ? [g.description] : []),
      "",
      `Built from silver (${[...new Set(goldInputs(g))].join(", ")}): whole the first time, then only the groups whose input rows changed since the last build (from the change feed); unchanged inputs write nothing.`,
    ],
    "gold",
    goldConfig(g, platform),
  );
}
