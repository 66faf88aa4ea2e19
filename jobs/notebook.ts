/**
 * The notebook model and the one shape every task's notebook has: a markdown header saying what
 * the task does, the runtime put on sys.path, a configuration cell generated from the spec, and one
 * call into the runtime package (runtime/src/lakehouse_runtime).
 */
import { CodeWriter } from "./code-writer";
import { type PyValue, pyValue } from "./python";

export type Cell = { readonly kind: "markdown"; readonly lines: ReadonlyArray<string> } | { readonly kind: "code"; readonly code: string };

export const markdown = (...lines: string[]): Cell => ({ kind: "markdown", lines });

/** A code cell written by `body` on a fresh writer. */
export const code = (body: (w: CodeWriter) => void): Cell => {
  const w = new CodeWriter();
  body(w);
  return { kind: "code", code: w.toString() };
};

export const NOTEBOOK_HEADER = "# Databricks notebook source";
export const CELL_SEPARATOR = "# COMMAND ----------";
/** The runtime's import name (runtime/src/<package>). */
export const RUNTIME_PACKAGE = "lakehouse_runtime";

function renderCell(cell: Cell): string {
  if (cell.kind === "code") return cell.code;
  return ["# MAGIC %md", ...cell.lines.map((l) => (l === "" ? "# MAGIC" : `# MAGIC ${l}`))].join("\n");
}

/** Databricks source format: the header line, then cells separated by COMMAND markers. */
export function renderNotebook(cells: ReadonlyArray<Cell>): string {
  return `${NOTEBOOK_HEADER}\n${cells.map(renderCell).join(`\n\n${CELL_SEPARATOR}\n\n`)}\n`;
}

/** Puts the runtime the job names on sys.path; without the parameter the task fails before anything runs. */
const runtimeCell = code((w) => {
  w.lines(["import sys", "", 'dbutils.widgets.text("runtime_path", "")', 'RUNTIME_PATH = dbutils.widgets.get("runtime_path")']);
  w.block("if not RUNTIME_PATH:", (b) => b.line('raise ValueError("missing job parameter(s): runtime_path; the pipeline job passes it, a manual run must too")'));
  w.line("sys.path.insert(0, RUNTIME_PATH)");
});

/** A task's notebook: header, runtime, the spec's configuration for it, and `module.run(spark, dbutils, CONFIG)`. */
export function taskNotebook(header: ReadonlyArray<string>, module: string, config: PyValue): string {
  return renderNotebook([
    markdown(...header),
    runtimeCell,
    code((w) => w.line(`CONFIG = ${pyValue(config, 0, "CONFIG = ")}`)),
    code((w) => w.lines([`from ${RUNTIME_PACKAGE} import ${module}`, "", `${module}.run(spark, dbutils, CONFIG)`])),
  ]);
}
