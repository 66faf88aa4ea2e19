/**
 * The governance notebook: runs the spec's governance DDL (jobs/governance-sql.ts) in the
 * environment's catalog, after the silver and gold tasks have created the tables it governs.
 * Every statement is idempotent (CREATE OR REPLACE FUNCTION, SET TAGS, SET MASK, SET ROW FILTER), so
 * each run re-applies the whole set: a table replaced or added since the last run is covered again.
 */
import type { Platform } from "../platform";
import { governanceFunctions, governancePlan, governanceTableStatements } from "./governance-sql";
import { type Cell, code, markdown } from "./notebook";
import { pyStr } from "./python";
import { catalogWidget, onDatabricksWidget, type Widget } from "./widgets";

export const governanceWidgets = (): Widget[] => [catalogWidget, onDatabricksWidget];

/** Whether the spec has anything to govern: no PII column and no row filter means no task. */
export function hasGovernance(platform: Platform): boolean {
  const plan = governancePlan(platform);
  return plan.columns.length > 0 || plan.rowFilters.length > 0;
}

export function governanceNotebook(platform: Platform, widgetsCell: Cell): Cell[] {
  const plan = governancePlan(platform);
  const statements: Array<[string | null, string]> = [
    ...governanceFunctions(platform, plan).map((f): [null, string] => [null, f.sql]),
    ...governanceTableStatements(plan).map((s): [string, string] => [s.table, s.sql]),
  ];
  return [
    markdown(
      "# Governance: Unity Catalog tags, column masks and row filters",
      "",
      "Generated from the spec: PII columns are tagged and masked for readers without the PII permission;",
      "row filters limit who sees which rows. Runs after the tasks that create the tables; Unity Catalog only,",
      "so off Databricks it checks the tables and prints the statements instead of running them.",
    ),
    widgetsCell,
    code((w) => {
      w.line("# (table the statement alters, or None for a function; statement), in the order they must run.");
      w.list("STATEMENTS = [", statements.map(([table, sql]) => `(${table === null ? "None" : pyStr(table)}, ${pyStr(sql)})`), "]");
    }),
    code((w) => {
      w.block("def apply_governance(spark, catalog, statements, execute):", (b) => {
        b.line('"""Runs the statements in the catalog, in order. A governed table that does not exist is an error:');
        b.line('the tasks that create it run before this one, so its absence means the job is broken."""');
        b.line("spark.catalog.setCurrentCatalog(catalog)");
        b.line("missing = sorted({table for table, _ in statements if table and not spark.catalog.tableExists(table)})");
        b.block("if missing:", (i) => i.line('raise RuntimeError(f"governance: missing tables {missing} in {catalog}")'));
        b.block("for _, statement in statements:", (i) => {
          i.block("if execute:", (j) => j.line("spark.sql(statement)"));
          i.line('print(("applied: " if execute else "planned: ") + statement)');
        });
      });
      w.line();
      w.line();
      w.line("apply_governance(spark, CATALOG, STATEMENTS, ON_DATABRICKS)");
    }),
  ];
}
