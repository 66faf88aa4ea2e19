/**
 * The silver notebook of one dataset. It streams bronze's change feed with its own checkpoint and
 * handles each micro-batch in foreachBatch: cast, standardise, evaluate the rules, quarantine the
 * failures, record one quality row per rule, fail above the threshold, then MERGE the latest
 * passing version of each key. Appends carry txnAppId/txnVersion and the MERGE only takes newer
 * rows, so a replayed batch changes nothing; a run without new bronze data runs no batch at all.
 */
import * as naming from "../naming";
import { silverCheckpointPath } from "../naming/pipeline";
import { type DatasetSpec, silverColumns, type TransformationSpec } from "../platform";
import type { CodeWriter } from "./code-writer";
import { CORRUPT_COLUMN } from "./bronze";
import { type Cell, code, markdown } from "./notebook";
import { pyFStr, pyStr } from "./python";
import { notUniqueFlag, rowRules, uniqueColumns } from "./quality";
import { bronzeColumns, type Column, createTable, landingColumns, landingType, sqlType, tableProperties } from "./tables";
import { catalogWidget, runIdWidget, type Widget } from "./widgets";

export const silverWidgets = (ds: DatasetSpec): Widget[] => [
  catalogWidget,
  { name: "checkpoint_path", value: (ctx) => silverCheckpointPath(ctx.layerUrls.silver, ds) },
  runIdWidget,
];

const SILVER_AUDIT: ReadonlyArray<Column> = [
  { name: "_source_file", type: "string" },
  { name: "_ingested_at", type: "timestamp" },
  { name: "_run_id", type: "string" },
];

const QUARANTINE_AUDIT: ReadonlyArray<Column> = [
  { name: "_failed_rules", type: "array<string>" },
  { name: "_quarantine_run_id", type: "string" },
  { name: "_quarantined_at", type: "timestamp" },
];

const QUALITY_COLUMNS: ReadonlyArray<Column> = [
  { name: "dataset", type: "string" },
  { name: "run_id", type: "string" },
  { name: "rule", type: "string" },
  { name: "failed", type: "bigint" },
  { name: "total", type: "bigint" },
  { name: "evaluated_at", type: "timestamp" },
];

const pyList = (items: ReadonlyArray<string>) => `[${items.map(pyStr).join(", ")}]`;

function constants(ds: DatasetSpec): Cell {
  const table = (layer: "bronze" | "silver", name: string) => pyFStr(naming.qualified("{CATALOG}", layer, name));
  return code((w) => {
    w.line(`DATASET = ${pyStr(ds.name)}`);
    w.line(`BRONZE_TABLE = ${table("bronze", naming.bronzeTable(ds))}`);
    w.line(`SILVER_TABLE = ${table("silver", naming.silverTable(ds))}`);
    w.line(`QUARANTINE_TABLE = ${table("silver", naming.quarantineTable(ds))}`);
    w.line(`QUALITY_TABLE = ${table("silver", naming.QUALITY_RESULTS_TABLE)}`);
    w.line(`BRONZE_COLUMNS = ${pyList(bronzeColumns(ds).map((c) => c.name))}`);
    w.line(`LANDING_NAMES = ${pyList(landingColumns(ds).map((c) => c.name))}`);
    w.line(`CORRUPT_COLUMN = ${pyStr(CORRUPT_COLUMN)}`);
    w.line("# Rescued keys that are not new columns: type mismatches, parse errors, Auto Loader's file path.");
    w.line('RESCUE_KEYS = [*LANDING_NAMES, CORRUPT_COLUMN, "_file_path"]');
    w.line(`PRIMARY_KEY = ${pyList(ds.primaryKey)}`);
    w.line(`ORDERING_COLUMN = ${pyStr(ds.orderingColumn)}`);
    w.line(`MAX_FAILED_FRACTION = ${ds.quality.maxFailedFraction}`);
  });
}

function createTables(ds: DatasetSpec): Cell {
  const silver = [...silverColumns(ds).map((c) => ({ name: c.name, type: c.type, nullable: c.nullable })), ...SILVER_AUDIT];
  return code((w) => {
    // Clustered by key: the MERGE's join prunes files once OPTIMIZE has clustered them. Deletion
    // vectors: an update marks the old row deleted instead of rewriting every file it touches.
    const props = { ...tableProperties(false), "delta.enableDeletionVectors": "true" };
    createTable(w, "SILVER_TABLE", silver, props, ds.primaryKey);
    createTable(w, "QUARANTINE_TABLE", [...bronzeColumns(ds), ...QUARANTINE_AUDIT], tableProperties(false));
    w.block("try:", (b) => createTable(b, "QUALITY_TABLE", QUALITY_COLUMNS, tableProperties(false)));
    w.block("except AnalysisException as error:", (b) => {
      b.line("# Every silver task creates the shared table; one running in parallel may win the race.");
      b.block('if "ALREADY_EXISTS" not in str(error):', (i) => i.line("raise"));
    });
  });
}

function transformation(t: TransformationSpec): string {
  if (t.kind === "derive") {
    return `{${pyStr(t.column)}: F.expr(${pyStr(`try_cast((${t.expression}) AS ${sqlType(t.type)})`)})}`;
  }
  const fn = { trim: "F.trim", lowercase: "F.lower", uppercase: "F.upper" }[t.kind];
  return `{${t.columns.map((c) => `${pyStr(c)}: ${fn}(${pyStr(c)})`).join(", ")}}`;
}

function standardise(ds: DatasetSpec, w: CodeWriter): void {
  w.block("def standardise(changes):", (b) => {
    b.line('"""Bronze rows typed and standardised as the spec says; the raw row rides along for quarantine."""');
    b.line("typed = changes.select(");
    b.indented((i) => {
      for (const c of ds.columns) {
        i.line(
          landingType(ds, c) === c.type
            ? `F.col(${pyStr(c.name)}),`
            : `F.expr(${pyStr(`try_cast(${c.name} AS ${sqlType(c.type)})`)}).alias(${pyStr(c.name)}),`,
        );
      }
      i.line('F.from_json("_rescued_data", "map<string,string>").alias("_rescued"),');
      i.line('F.col("_source_file"),');
      i.line('F.col("_ingested_at"),');
      i.line('F.col("_commit_version"),');
      i.line('F.struct(*BRONZE_COLUMNS).alias("_bronze"),');
    });
    b.line(")");
    if (ds.transformations.length === 0) {
      b.line("return typed");
      return;
    }
    b.line("return (");
    b.indented((i) => {
      i.line("typed");
      for (const t of ds.transformations) i.line(`.withColumns(${transformation(t)})`);
    });
    b.line(")");
  });
}

function uniqueness(w: CodeWriter): void {
  w.block("def flag_not_unique(rows, column, flag):", (b) => {
    b.line('"""Flags values held by more than one key: within the batch, or here and in silver under another key."""');
    b.line("batch_values = rows.select(*PRIMARY_KEY, column).where(F.col(column).isNotNull()).distinct()");
    b.line("others = spark.table(SILVER_TABLE).select(*PRIMARY_KEY, column).join(batch_values.select(*PRIMARY_KEY), PRIMARY_KEY, \"left_anti\")");
    b.line('shared = batch_values.unionByName(others).groupBy(column).count().where("count > 1")');
    b.line("return rows.join(shared.select(column, F.lit(True).alias(flag)), column, \"left\").fillna(False, subset=[flag])");
  });
}

function rulesCell(ds: DatasetSpec): Cell {
  return code((w) => {
    w.list("RULES = [", rowRules(ds).map((r) => `(${pyStr(r.name)}, ${r.failsWhen})`), "]");
    w.line();
    w.line();
    w.block("def evaluate(rows):", (b) => {
      b.line('"""_failed_rules: the names of the rules a row fails; empty when it passes them all."""');
      for (const c of uniqueColumns(ds)) b.line(`rows = flag_not_unique(rows, ${pyStr(c)}, ${pyStr(notUniqueFlag(c))})`);
      b.line("failed = [F.when(fails, F.lit(name)) for name, fails in RULES]");
      b.line('return rows.withColumn("_failed_rules", F.array_compact(F.array(*failed)))');
    });
  });
}

function evolution(ds: DatasetSpec): Cell {
  return code((w) => {
    w.block("def new_columns(counts):", (b) => {
      b.line('"""Rescued keys the spec does not know: columns landing files brought in addition."""');
      b.line('return sorted(set(counts["rescued_keys"]) - set(RESCUE_KEYS))');
    });
    if (ds.schemaEvolution === "fail") return;
    w.line();
    w.line();
    w.block("def evolve(rows, names):", (b) => {
      b.line('"""schemaEvolution "addNewColumns": new columns join silver as strings, the text the files hold."""');
      b.line('columns = {name: re.sub(r"[^a-z0-9_]", "_", name.lower()) for name in names}');
      b.line("existing = set(spark.table(SILVER_TABLE).columns)");
      b.line('added = ", ".join(f"`{column}` STRING" for column in sorted(set(columns.values()) - existing))');
      b.block("if added:", (i) => i.line('spark.sql(f"ALTER TABLE {SILVER_TABLE} ADD COLUMNS ({added})")'));
      b.line('return rows.withColumns({column: F.col("_rescued")[name] for name, column in columns.items()})');
    });
  });
}

function writers(ds: DatasetSpec): Cell {
  const on = ds.primaryKey.map((k) => `t.${k} = s.${k}`).join(" AND ");
  return code((w) => {
    w.block("def append_once(frame, table, batch_id):", (b) => {
      b.line('"""Appends a batch\'s rows once: Delta skips a txnVersion it has seen for this query."""');
      b.line('query_id = spark.sparkContext.getLocalProperty("sql.streaming.queryId")');
      b.line("(");
      b.indented((i) => {
        i.line('frame.write.format("delta")');
        i.line('.mode("append")');
        i.line('.option("txnAppId", f"{SILVER_TABLE}-{query_id}")');
        i.line('.option("txnVersion", batch_id)');
        i.line(".saveAsTable(table)");
      });
      b.line(")");
    });
    w.line();
    w.line();
    w.block("def record_quality(counts, batch_id):", (b) => {
      b.line('"""One row per rule: how many of the batch\'s rows failed it."""');
      b.line("rows = [(DATASET, RUN_ID, name, counts[f\"rule_{i}\"], counts[\"total\"]) for i, (name, _) in enumerate(RULES)]");
      b.line('results = spark.createDataFrame(rows, "dataset STRING, run_id STRING, rule STRING, failed BIGINT, total BIGINT")');
      b.line('append_once(results.withColumn("evaluated_at", F.current_timestamp()), QUALITY_TABLE, batch_id)');
    });
    w.line();
    w.line();
    w.block("def upsert(rows):", (b) => {
      b.line('"""The latest version of each key, merged in only where it is newer than what silver holds."""');
      b.line("latest_first = Window.partitionBy(*PRIMARY_KEY).orderBy(");
      b.indented((i) => i.line('F.col(ORDERING_COLUMN).desc(), F.col("_commit_version").desc(), F.col("_source_file").desc()'));
      b.line(")");
      b.line('latest = rows.withColumn("_rank", F.row_number().over(latest_first)).where("_rank = 1")');
      b.line('latest = latest.withColumn("_run_id", F.lit(RUN_ID))');
      b.line("target = DeltaTable.forName(spark, SILVER_TABLE)");
      b.line("# Columns an earlier batch added are null for rows that do not bring them.");
      b.line("source = latest.select(");
      b.indented((i) =>
        i.line('*[F.col(f"`{name}`") if name in latest.columns else F.lit(None).cast(kind).alias(name) for name, kind in target.toDF().dtypes]'),
      );
      b.line(")");
      b.line("(");
      b.indented((i) => {
        i.line('target.alias("t")');
        i.line(`.merge(source.alias("s"), ${pyStr(on)})`);
        i.line(`.whenMatchedUpdateAll(condition=${pyStr(`s.${ds.orderingColumn} > t.${ds.orderingColumn}`)})`);
        i.line(".whenNotMatchedInsertAll()");
        i.line(".execute()");
      });
      b.line(")");
    });
  });
}

function processCell(ds: DatasetSpec): Cell {
  return code((w) => {
    w.block("class QualityGateError(Exception):", (b) =>
      b.line('"""The batch failed more rules than the dataset allows: the task fails, the job alerts."""'),
    );
    w.line();
    w.line();
    w.block("def process(changes, batch_id):", (b) => {
      b.line("checked = evaluate(standardise(changes.where(\"_change_type = 'insert'\"))).persist()");
      b.block("try:", (t) => {
        t.line("# One pass over the batch for every figure the task needs.");
        t.line("counts = checked.agg(");
        t.indented((i) => {
          i.line('F.count(F.lit(1)).alias("total"),');
          i.line('F.count_if(F.size("_failed_rules") > 0).alias("failed"),');
          i.line('*[F.count_if(F.array_contains("_failed_rules", name)).alias(f"rule_{i}") for i, (name, _) in enumerate(RULES)],');
          i.line('F.array_distinct(F.flatten(F.collect_set(F.map_keys("_rescued")))).alias("rescued_keys"),');
        });
        t.line(").first()");
        t.block('if counts["total"] == 0:', (i) => {
          i.line("# Commits without new rows (bronze's OPTIMIZE) still make a batch: nothing to record.");
          i.line("return");
        });
        t.line(ds.schemaEvolution === "fail" ? "rows = checked" : "rows = evolve(checked, new_columns(counts))");
        t.line("quarantine = rows.where(F.size(\"_failed_rules\") > 0).select(");
        t.indented((i) =>
          i.line('"_bronze.*", "_failed_rules", F.lit(RUN_ID).alias("_quarantine_run_id"), F.current_timestamp().alias("_quarantined_at")'),
        );
        t.line(")");
        t.block('if counts["failed"]:', (i) => i.line("append_once(quarantine, QUARANTINE_TABLE, batch_id)"));
        t.line("record_quality(counts, batch_id)");
        if (ds.schemaEvolution === "fail") {
          t.line("unexpected = new_columns(counts)");
          t.block("if unexpected:", (i) =>
            i.line('raise ValueError(f"{DATASET}: landing files bring columns the spec lacks (schemaEvolution fail): {unexpected}")'),
          );
        }
        t.block('if counts["failed"] / counts["total"] > MAX_FAILED_FRACTION:', (i) => {
          i.line("raise QualityGateError(");
          i.indented((x) =>
            x.line('f"{DATASET}: {counts[\'failed\']} of {counts[\'total\']} rows failed a rule (more than {MAX_FAILED_FRACTION:.0%}); see {QUARANTINE_TABLE}"'),
          );
          i.line(")");
        });
        t.line('upsert(rows.where(F.size("_failed_rules") == 0))');
      });
      b.block("finally:", (f) => f.line("checked.unpersist()"));
    });
  });
}

export function silverNotebook(ds: DatasetSpec, widgetsCell: Cell): Cell[] {
  return [
    markdown(
      `# Silver: ${ds.name}`,
      ...(ds.description ? [ds.description] : []),
      "",
      "Reads the bronze change feed incrementally (its own checkpoint), casts to the spec's types and standardises,",
      "evaluates the quality rules, quarantines failing rows with the names of the rules they failed, records one",
      "quality result per rule, and MERGEs the latest passing version of each key into silver.",
    ),
    code((w) =>
      w.lines([
        ...(ds.schemaEvolution === "addNewColumns" ? ["import re", ""] : []),
        "from delta.tables import DeltaTable",
        "from pyspark.errors import AnalysisException",
        "from pyspark.sql import Window",
        "from pyspark.sql import functions as F",
      ]),
    ),
    widgetsCell,
    constants(ds),
    createTables(ds),
    markdown("## Types and standardisation"),
    code((w) => standardise(ds, w)),
    markdown("## Quality rules"),
    ...(uniqueColumns(ds).length > 0 ? [code(uniqueness)] : []),
    rulesCell(ds),
    markdown(`## Schema evolution: ${ds.schemaEvolution}`),
    evolution(ds),
    markdown("## Quarantine, quality results, MERGE"),
    writers(ds),
    processCell(ds),
    markdown("## Run"),
    code((w) => {
      w.line("query = (");
      w.indented((i) => {
        i.line('spark.readStream.option("readChangeFeed", "true")');
        i.line(".table(BRONZE_TABLE)");
        i.line(".writeStream.foreachBatch(process)");
        i.line('.option("checkpointLocation", CHECKPOINT_PATH)');
        i.line(".trigger(availableNow=True)");
        i.line(".start()");
      });
      w.line(")");
      w.line("query.awaitTermination()");
    }),
  ];
}
