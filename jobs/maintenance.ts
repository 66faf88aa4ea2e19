/**
 * The maintenance notebook: OPTIMIZE (compaction, and clustering where a table has it) and VACUUM
 * of every table the pipeline writes, each layer with its environment's retention.
 */
import * as naming from "../naming";
import { type Platform, TABLE_LAYERS, type TableLayer } from "../spec";
import { type Cell, code, markdown } from "./notebook";
import { pyFStr, pyStr } from "./python";
import { catalogWidget, type Widget } from "./widgets";

const retentionWidget = (layer: TableLayer): Widget => ({
  name: `retention_days_${layer}`,
  value: (ctx) => String(ctx.retentionDays[layer]),
});

export const maintenanceWidgets = (): Widget[] => [catalogWidget, ...TABLE_LAYERS.map(retentionWidget)];

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

export function maintenanceNotebook(platform: Platform, widgetsCell: Cell): Cell[] {
  return [
    markdown(
      "# Maintenance",
      "",
      "OPTIMIZE and VACUUM every table of the pipeline; VACUUM keeps each layer's retention, so time travel",
      "reaches back that far and no further.",
    ),
    widgetsCell,
    code((w) => {
      w.list(
        "RETENTION_HOURS = {",
        TABLE_LAYERS.map((layer) => `${pyStr(layer)}: int(RETENTION_DAYS_${layer.toUpperCase()}) * 24`),
        "}",
      );
      w.list(
        "TABLES = [",
        pipelineTables(platform).map(([layer, table]) => `(${pyStr(layer)}, ${pyFStr(naming.qualified("{CATALOG}", layer, table))})`),
        "]",
      );
    }),
    code((w) =>
      w.block("for layer, table in TABLES:", (b) => {
        b.line('spark.sql(f"OPTIMIZE {table}")');
        b.line('spark.sql(f"VACUUM {table} RETAIN {RETENTION_HOURS[layer]} HOURS")');
      }),
    ),
  ];
}
