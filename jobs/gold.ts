/**
 * The gold notebook of one aggregate: its SQL (the one thing TypeScript writes besides data),
 * inputs and clustering as configuration, and lakehouse_runtime.gold.run, which replaces the table
 * whole when an input silver table has new data since the last build and writes nothing otherwise.
 */
import * as naming from "../naming";
import type { GoldAggregateSpec, Platform } from "../platform";
import { goldInputs, goldQuery, outputName } from "./gold-query";
import { taskNotebook } from "./notebook";
import type { PyValue } from "./python";
import { governancePlan, tableGovernance } from "./governance-sql";
import { catalogWidget, onDatabricksWidget, runtimePathWidget, type Widget } from "./widgets";

export const goldWidgets = (): Widget[] => [runtimePathWidget, catalogWidget, onDatabricksWidget];

export const goldConfig = (g: GoldAggregateSpec, platform: Platform): PyValue => ({
  table: `${naming.schemaName("gold")}.${naming.goldTable(g)}`,
  inputs: Object.fromEntries(goldInputs(g).map((name) => [name, `${naming.schemaName("silver")}.${naming.silverTable({ name })}`])),
  query: goldQuery(g, platform),
  cluster_by: g.clusterBy ?? g.groupBy.map(outputName),
  // The masks and row filter the table is created and replaced with (on Unity Catalog).
  governance: tableGovernance(governancePlan(platform), "gold", naming.goldTable(g)),
});

export function goldNotebook(g: GoldAggregateSpec, platform: Platform): string {
  return taskNotebook(
    [
      `# Gold: ${g.name}`,
      ...(g.description ? [g.description] : []),
      "",
      `Rebuilt from silver (${[...new Set(goldInputs(g))].join(", ")}) when its inputs changed since the last build; unchanged inputs write nothing.`,
    ],
    "gold",
    goldConfig(g, platform),
  );
}
