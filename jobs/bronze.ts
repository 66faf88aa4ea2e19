/**
 * The bronze notebook of one dataset: its landing format and columns as configuration, and
 * lakehouse_runtime.bronze.run, which ingests each new file once (Auto Loader on Databricks, the
 * plain file source locally, one ingestion contract for both).
 */
import * as naming from "../naming";
import type { DatasetSpec } from "../platform";
import { taskNotebook } from "./notebook";
import type { PyValue } from "./python";
import { landingColumns } from "./tables";
import { catalogWidget, onDatabricksWidget, runIdWidget, runtimePathWidget, type Widget } from "./widgets";

export const bronzeWidgets = (ds: DatasetSpec): Widget[] => [
  runtimePathWidget,
  catalogWidget,
  { name: "landing_path", value: (ctx) => naming.landingPath(ctx.layerUrls.landing, ds) },
  { name: "checkpoint_path", value: (ctx) => naming.checkpointPath(ctx.layerUrls.bronze, ds) },
  onDatabricksWidget,
  runIdWidget,
];

export const bronzeConfig = (ds: DatasetSpec): PyValue => ({
  dataset: ds.name,
  table: `${naming.schemaName("bronze")}.${naming.bronzeTable(ds)}`,
  format: ds.source.format,
  header: ds.source.header,
  columns: landingColumns(ds),
});

export function bronzeNotebook(ds: DatasetSpec): string {
  const format = ds.source.format === "csv" ? `csv ${ds.source.header ? "with" : "without"} a header line` : ds.source.format;
  return taskNotebook(
    [
      `# Bronze: ${ds.name}`,
      ...(ds.description ? [ds.description] : []),
      "",
      `New ${format} files of the landing folder, each ingested once, appended with their source file, ingestion`,
      "time and run id. Values that do not fit the spec, and malformed lines, go to `_rescued_data`.",
    ],
    "bronze",
    bronzeConfig(ds),
  );
}
