/**
 * The bronze notebook of one dataset: new landing files, once each, appended to a Delta table
 * with lineage columns. Auto Loader on Databricks; locally a file-listing stream whose batches read
 * the files by their own columns, so an extra or reordered column is kept, never lost.
 */
import * as naming from "../naming";
import type { DatasetSpec } from "../platform";
import type { CodeWriter } from "./code-writer";
import { type Cell, code, markdown } from "./notebook";
import { pyFStr, pyStr } from "./python";
import { bronzeColumns, createTable, landingColumns, sqlType, tableProperties } from "./tables";
import { catalogWidget, onDatabricksWidget, runIdWidget, type Widget } from "./widgets";

export const CORRUPT_COLUMN = "_corrupt_record";

export const bronzeWidgets = (ds: DatasetSpec): Widget[] => [
  catalogWidget,
  { name: "landing_path", value: (ctx) => naming.landingPath(ctx.layerUrls.landing, ds) },
  { name: "checkpoint_path", value: (ctx) => naming.checkpointPath(ctx.layerUrls.bronze, ds) },
  onDatabricksWidget,
  runIdWidget,
];

/** Format-specific reader options, shared by Auto Loader and the local reader. */
const readerOptions = (ds: DatasetSpec): Record<string, string> =>
  ds.source.format === "csv" ? { header: String(ds.source.header) } : {};

const pyDict = (entries: Record<string, string>) =>
  `{${Object.entries(entries)
    .map(([k, v]) => `${pyStr(k)}: ${pyStr(v)}`)
    .join(", ")}}`;

function constants(ds: DatasetSpec): Cell {
  const landing = landingColumns(ds);
  return code((w) => {
    w.line(`BRONZE_TABLE = ${pyFStr(naming.qualified("{CATALOG}", "bronze", naming.bronzeTable(ds)))}`);
    w.line(`FILE_FORMAT = ${pyStr(ds.source.format)}`);
    w.line(`FILE_GLOB = ${pyStr(`*.${ds.source.format}`)}`);
    w.line(`READER_OPTIONS = ${pyDict(readerOptions(ds))}`);
    w.list("LANDING_COLUMNS = [", landing.map((c) => `(${pyStr(c.name)}, ${pyStr(sqlType(c.type))})`), "]");
    w.line("LANDING_NAMES = [name for name, _ in LANDING_COLUMNS]");
    w.line('LANDING_SCHEMA = ", ".join(f"{name} {sql_type}" for name, sql_type in LANDING_COLUMNS)');
    w.line(`CORRUPT_COLUMN = ${pyStr(CORRUPT_COLUMN)}`);
    w.line('FILE_LISTING_SCHEMA = "path STRING, modificationTime TIMESTAMP, length BIGINT, content BINARY"');
    w.list(
      "AUDIT_COLUMNS = [",
      ['F.col("_metadata.file_path").alias("_source_file")', 'F.current_timestamp().alias("_ingested_at")', 'F.lit(RUN_ID).alias("_run_id")'],
      "]",
    );
  });
}

function readFiles(ds: DatasetSpec, w: CodeWriter): void {
  w.block("def read_files(paths):", (b) => {
    if (ds.source.format === "csv" && ds.source.header) {
      b.line('"""CSV by header: files are grouped by their header line and read by those names."""');
      b.line("by_header = {}");
      b.block("for path in paths:", (l) => {
        l.line("header = tuple(spark.read.options(**READER_OPTIONS).csv(path).columns)");
        l.line("by_header.setdefault(header, []).append(path)");
      });
      b.line("permissive = {**READER_OPTIONS, \"mode\": \"PERMISSIVE\", \"columnNameOfCorruptRecord\": CORRUPT_COLUMN}");
      b.line("return [");
      b.indented((l) => {
        l.line('spark.read.options(**permissive)');
        l.line('.schema(", ".join(f"`{name}` STRING" for name in header) + f", {CORRUPT_COLUMN} STRING")');
        l.line(".csv(group)");
        l.line("for header, group in by_header.items()");
      });
      b.line("]");
    } else if (ds.source.format === "csv") {
      b.line('"""Header-less CSV: columns by position; a row that does not fit is kept whole."""');
      b.line("permissive = {**READER_OPTIONS, \"mode\": \"PERMISSIVE\", \"columnNameOfCorruptRecord\": CORRUPT_COLUMN}");
      b.line('return [spark.read.options(**permissive).schema(f"{LANDING_SCHEMA}, {CORRUPT_COLUMN} STRING").csv(paths)]');
    } else if (ds.source.format === "json") {
      b.line('"""JSON: every key becomes a column (primitives as strings), so unknown keys are kept."""');
      b.line('permissive = {"primitivesAsString": "true", "mode": "PERMISSIVE", "columnNameOfCorruptRecord": CORRUPT_COLUMN}');
      b.line("return [spark.read.options(**permissive).json(paths)]");
    } else {
      b.line('"""Parquet carries its own schema; files that differ are merged by column name."""');
      b.line('return [spark.read.option("mergeSchema", "true").parquet(*paths)]');
    }
  });
}

function localReader(ds: DatasetSpec): Cell {
  return code((w) => {
    readFiles(ds, w);
    w.line();
    w.line();
    w.block("def conform(files):", (b) => {
      b.line('"""The spec\'s columns (null where a file lacks one); every other value goes to _rescued_data."""');
      b.line("rescued = []");
      b.block("for name in files.columns:", (l) =>
        l.block("if name not in LANDING_NAMES:", (i) => i.line('rescued += [F.lit(name), F.col(f"`{name}`").cast("string")]')),
      );
      b.line("columns = []");
      b.block("for name, sql_type in LANDING_COLUMNS:", (l) => {
        l.block("if name not in files.columns:", (i) => {
          i.line("columns.append(F.lit(None).cast(sql_type).alias(name))");
          i.line("continue");
        });
        l.line('value = F.expr(f"try_cast(`{name}` AS {sql_type})")');
        l.line("columns.append(value.alias(name))");
        l.line('rescued += [F.lit(name), F.when(value.isNull(), F.col(f"`{name}`").cast("string"))]');
      });
      b.line("entries = F.map_filter(F.create_map(*rescued), lambda _, v: v.isNotNull())");
      b.line('rescued_data = F.when(F.size(entries) > 0, F.to_json(entries)).alias("_rescued_data")');
      b.line("return files.select(*columns, rescued_data, *AUDIT_COLUMNS)");
    });
    w.line();
    w.line();
    w.block("def ingest(files, batch_id):", (b) => {
      b.line('"""One micro-batch of new files. The txn options make a replayed batch a no-op."""');
      b.line("paths = [row.path for row in files.collect()]");
      b.block("if not paths:", (i) => i.line("return"));
      b.line("batch = reduce(DataFrame.unionByName, [conform(f) for f in read_files(paths)])");
      b.line('query_id = spark.sparkContext.getLocalProperty("sql.streaming.queryId")');
      b.line("(");
      b.indented((i) => {
        i.line('batch.write.format("delta")');
        i.line('.mode("append")');
        i.line('.option("txnAppId", f"{BRONZE_TABLE}-{query_id}")');
        i.line('.option("txnVersion", batch_id)');
        i.line(".saveAsTable(BRONZE_TABLE)");
      });
      b.line(")");
    });
    w.line();
    w.line();
    w.block("def file_stream():", (b) => {
      b.line('"""The plain file source: lists new files; ingest reads them."""');
      b.line("return (");
      b.indented((i) => {
        i.line('spark.readStream.format("binaryFile")');
        i.line(".schema(FILE_LISTING_SCHEMA)");
        i.line('.option("pathGlobFilter", FILE_GLOB)');
        i.line(".load(LANDING_PATH)");
        i.line('.select("path")');
        i.line(".writeStream.foreachBatch(ingest)");
        i.line('.option("checkpointLocation", CHECKPOINT_PATH)');
        i.line(".trigger(availableNow=True)");
        i.line(".start()");
      });
      b.line(")");
    });
  });
}

function autoLoaderCell(): Cell {
  return code((w) =>
    w.block("def auto_loader_stream():", (b) => {
      b.line('"""Auto Loader with the spec\'s schema; what does not fit is rescued by column name."""');
      b.line("return (");
      b.indented((i) => {
        i.line('spark.readStream.format("cloudFiles")');
        i.line('.option("cloudFiles.format", FILE_FORMAT)');
        i.line('.option("cloudFiles.schemaLocation", f"{CHECKPOINT_PATH}/_schema")');
        i.line('.option("rescuedDataColumn", "_rescued_data")');
        i.line('.option("pathGlobFilter", FILE_GLOB)');
        i.line(".options(**READER_OPTIONS)");
        i.line(".schema(LANDING_SCHEMA)");
        i.line(".load(LANDING_PATH)");
        i.line('.select(*LANDING_NAMES, "_rescued_data", *AUDIT_COLUMNS)');
        i.line(".writeStream.option(\"checkpointLocation\", CHECKPOINT_PATH)");
        i.line(".trigger(availableNow=True)");
        i.line(".toTable(BRONZE_TABLE)");
      });
      b.line(")");
    }),
  );
}

export function bronzeNotebook(ds: DatasetSpec, widgetsCell: Cell): Cell[] {
  return [
    markdown(
      `# Bronze: ${ds.name}`,
      ...(ds.description ? [ds.description] : []),
      "",
      `New ${ds.source.format} files of the landing folder, each ingested once (Trigger.AvailableNow, one checkpoint per table),`,
      "appended with their source file, ingestion time and run id. Values that do not fit the spec go to `_rescued_data`.",
    ),
    code((w) =>
      w.lines(["from functools import reduce", "", "from pyspark.sql import DataFrame", "from pyspark.sql import functions as F"]),
    ),
    widgetsCell,
    constants(ds),
    code((w) => createTable(w, "BRONZE_TABLE", bronzeColumns(ds), tableProperties(true))),
    markdown("## Auto Loader (Databricks)"),
    autoLoaderCell(),
    markdown("## Plain file source (local runs)"),
    localReader(ds),
    markdown("## Ingest"),
    code((w) => {
      w.line("query = auto_loader_stream() if ON_DATABRICKS else file_stream()");
      w.line("query.awaitTermination()");
    }),
  ];
}
