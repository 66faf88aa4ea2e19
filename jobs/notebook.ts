/** The notebook model: markdown and code cells, rendered in Databricks' source format. */
import { CodeWriter } from "./code-writer";

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

function renderCell(cell: Cell): string {
  if (cell.kind === "code") return cell.code;
  return ["# MAGIC %md", ...cell.lines.map((l) => (l === "" ? "# MAGIC" : `# MAGIC ${l}`))].join("\n");
}

/** Databricks source format: the header line, then cells separated by COMMAND markers. */
export function renderNotebook(cells: ReadonlyArray<Cell>): string {
  return `${NOTEBOOK_HEADER}\n${cells.map(renderCell).join(`\n\n${CELL_SEPARATOR}\n\n`)}\n`;
}
