/**
 * The maintenance notebook: OPTIMIZE (compaction, and clustering where a table has it) and VACUUM
 * of every table the pipeline writes, each layer with its environment's retention.
 */
import * as naming from "../naming";
import { type Platform, TABLE_LAYERS, type TableLayer } from "../platform";
import { type Cell, code, markdown } from "./notebook";
import { MAINTENANCE_OPERATIONS } from "./gold";
import { pyFStr, pyStr } from "./python";
import { catalogWidget, type Widget } from "./widgets";

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

export const maintenanceWidgets = (): Widget[] => [catalogWidget, ...TABLE_LAYERS.map(retentionWidget), optimizeMinFilesWidget];

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
      "OPTIMIZE every table of the pipeline once enough new files piled up to pay for the rewrite, and VACUUM it;",
      "VACUUM keeps each layer's retention, so time travel reaches back that far and no further.",
    ),
    code((w) => w.line("from datetime import datetime, timedelta")),
    widgetsCell,
    code((w) => {
      w.line(`MAINTENANCE_OPERATIONS = [${MAINTENANCE_OPERATIONS.map(pyStr).join(", ")}]`);
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
    code((w) => {
      w.line("# operationMetrics of the commits that write data (WRITE, STREAMING UPDATE, MERGE, UPDATE, DELETE).");
      w.line('FILES_ADDED = ("numFiles", "numAddedFiles", "numTargetFilesAdded")');
      w.line('ROWS_WRITTEN = ("numOutputRows", "numUpdatedRows", "numCopiedRows")');
      w.line();
      w.line();
      w.block("def metric(commit, names):", (b) => b.line("return sum(int((commit.operationMetrics or {}).get(name, 0)) for name in names)"));
      w.line();
      w.line();
      w.block("def due(table, retention):", (b) => {
        b.line('"""(OPTIMIZE, VACUUM) worth running: OPTIMIZE when the commits since the last OPTIMIZE wrote rows in at');
        b.line("least OPTIMIZE_MIN_FILES files; VACUUM when a commit (which may have removed files) aged past the retention");
        b.line("since the last VACUUM, or when no VACUUM is on record. A rerun right after maintenance so skips the table");
        b.line('instead of relisting it."""');
        b.line('history = spark.sql(f"DESCRIBE HISTORY {table}").select("version", "timestamp", "operation", "operationMetrics").collect()');
        b.line('optimized = max((c.version for c in history if c.operation == "OPTIMIZE"), default=-1)');
        b.line('vacuumed = max((c.timestamp for c in history if c.operation == "VACUUM END"), default=None)');
        b.line("horizon = datetime.now() - retention");
        b.line("since = [c for c in history if c.version > optimized and c.operation not in MAINTENANCE_OPERATIONS]");
        b.line("optimize = sum(metric(c, ROWS_WRITTEN) for c in since) > 0 and sum(metric(c, FILES_ADDED) for c in since) >= int(OPTIMIZE_MIN_FILES)");
        b.line("vacuum = vacuumed is None or any(");
        b.indented((i) =>
          i.line("not c.operation.startswith(\"VACUUM\") and vacuumed - retention < c.timestamp <= horizon for c in history"),
        );
        b.line(")");
        b.line("return optimize, vacuum");
      });
      w.line();
      w.line();
      w.block("for layer, table in TABLES:", (b) => {
        b.line("retention = timedelta(hours=RETENTION_HOURS[layer])");
        b.line("optimize, vacuum = due(table, retention)");
        b.block("if optimize:", (i) => i.line('spark.sql(f"OPTIMIZE {table}")'));
        b.block("if vacuum:", (i) => i.line('spark.sql(f"VACUUM {table} RETAIN {RETENTION_HOURS[layer]} HOURS")'));
        b.line('print(f"{table}: optimize={optimize} vacuum={vacuum}")');
      });
    }),
  ];
}
