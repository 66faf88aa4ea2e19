/**
 * The maintenance notebook: every table the pipeline writes, by layer, as configuration, and
 * lakehouse_runtime.maintenance.run, which sets each table's Delta file and log retention from its
 * layer's retention, OPTIMIZEs it once enough new files piled up and VACUUMs it with that retention.
 */
import * as naming from "../naming";
import { type Platform, TABLE_LAYERS, type TableLayer } from "../platform";
import { taskNotebook } from "./notebook";
import { catalogWidget, runtimePathWidget, type Widget } from "./widgets";

const retentionWidget = (layer: TableLayer): Widget => ({
  name: `retention_days_${layer}`,
  value: (ctx) => String(ctx.retentionDays[layer]),
});

/**
 * OPTIMIZE a table once this many files were added since its last OPTIMIZE: fewer small files cost
 * readers less than rewriting the table. 50 is the minNumFiles default of Databricks' auto compaction.
 */
export const OPTIMIZE_MIN_FILES = 50;

const optimizeMinFilesWidget: Widget = { name: "optimize_min_files", value: () => String(OPTIMIZE_MIN_FILES) };

export const maintenanceWidgets = (): Widget[] => [runtimePathWidget, catalogWidget, ...TABLE_LAYERS.map(retentionWidget), optimizeMinFilesWidget];

/** Every table of the pipeline, by layer, sorted within a layer. */
export function pipelineTables(platform: Platform): Array<[TableLayer, string]> {
  const silver = [
    ...platform.datasets.flatMap((ds) => [naming.silverTable(ds), naming.quarantineTable(ds)]),
    naming.QUALITY_RESULTS_TABLE,
  ];
  const byLayer: Record<TableLayer, string[]> = {
    bronze: platform.datasets.map(naming.bronzeTable),
    silver,
    gold: platform.gold.map(naming.goldTable),
  };
  return TABLE_LAYERS.flatMap((layer) => [...byLayer[layer]].sort().map((t): [TableLayer, string] => [layer, t]));
}

export function maintenanceNotebook(platform: Platform): string {
  return taskNotebook(
    [
      "# Maintenance",
      "",
      "Keep every table of the pipeline to its layer's retention (Delta's file and log retention properties),",
      "OPTIMIZE it once enough new files piled up to pay for the rewrite, and VACUUM it with that retention,",
      "so time travel reaches back that far and no further. A table that fails does not stop the others;",
      "the task fails at the end, naming each.",
    ],
    "maintenance",
    { tables: pipelineTables(platform).map(([layer, table]) => ({ layer, table: `${naming.schemaName(layer)}.${table}` })) },
  );
}
