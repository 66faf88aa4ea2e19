/**
 * The governance notebook: the spec's governance DDL (jobs/governance-sql.ts) as configuration, and
 * lakehouse_runtime.governance.run, which applies it in the environment's catalog after the silver
 * and gold tasks have created the tables it governs.
 */
import type { Platform } from "../platform";
import { governanceFunctions, governancePlan, governanceTableStatements } from "./governance-sql";
import { taskNotebook } from "./notebook";
import { catalogWidget, onDatabricksWidget, runtimePathWidget, type Widget } from "./widgets";

export const governanceWidgets = (): Widget[] => [runtimePathWidget, catalogWidget, onDatabricksWidget];

/** Whether the spec has anything to govern: no PII column and no row filter means no task. */
export function hasGovernance(platform: Platform): boolean {
  const plan = governancePlan(platform);
  return plan.columns.length > 0 || plan.rowFilters.length > 0;
}

export function governanceNotebook(platform: Platform): string {
  const plan = governancePlan(platform);
  const statements = [
    ...governanceFunctions(platform, plan).map((f) => ({ table: null, sql: f.sql })),
    ...governanceTableStatements(plan).map((s) => ({ table: s.table, sql: s.sql })),
  ];
  return taskNotebook(
    [
      "# Governance: Unity Catalog tags, column masks and row filters",
      "",
      "Generated from the spec: PII columns are tagged and masked for readers without the PII permission;",
      "row filters limit who sees which rows. Runs after the tasks that create the tables; Unity Catalog only,",
      "so off Databricks it checks the tables and prints the statements instead of running them.",
    ],
    "governance",
    { statements },
  );
}
