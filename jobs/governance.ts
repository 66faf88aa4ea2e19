/**
 * The two governance notebooks, both from the spec's governance DDL (jobs/governance-sql.ts):
 *
 * - governance_setup, at the start of the job: creates the mask and row filter functions, so they
 *   exist before the silver and gold tasks create a governed table with them in its definition.
 * - governance, after every silver and gold task whatever their outcome: tags the PII columns,
 *   re-applies the masks and row filters (covering tables created before their definition carried
 *   them) and drops the masks and filters the spec no longer has.
 */
import * as naming from "../naming";
import type { Platform } from "../platform";
import { governanceFunctions, governancePlan, governanceTableStatements, tableGovernance } from "./governance-sql";
import { pipelineTables } from "./maintenance";
import { taskNotebook } from "./notebook";
import { catalogWidget, onDatabricksWidget, runtimePathWidget, type Widget } from "./widgets";

export const governanceWidgets = (): Widget[] => [runtimePathWidget, catalogWidget, onDatabricksWidget];

/** Whether the spec has anything to govern: no PII column and no row filter means no governance tasks. */
export function hasGovernance(platform: Platform): boolean {
  const plan = governancePlan(platform);
  return plan.columns.length > 0 || plan.rowFilters.length > 0;
}

export function governanceSetupNotebook(platform: Platform): string {
  return taskNotebook(
    [
      "# Governance setup: the Unity Catalog mask and row filter functions",
      "",
      "Generated from the spec. Runs first, so every function exists before a silver or gold task creates a governed",
      "table with it in its definition. Unity Catalog only: off Databricks it prints the statements instead.",
    ],
    "governance_setup",
    { functions: governanceFunctions(platform).map((f) => f.sql) },
  );
}

export function governanceNotebook(platform: Platform): string {
  const plan = governancePlan(platform);
  const tables = Object.fromEntries(pipelineTables(platform).map(([layer, table]) => [`${naming.schemaName(layer)}.${table}`, tableGovernance(plan, layer, table)]));
  return taskNotebook(
    [
      "# Governance: Unity Catalog tags, column masks and row filters",
      "",
      "Generated from the spec: PII columns are tagged and masked for readers without the PII permission;",
      "row filters limit who sees which rows. Runs after the silver and gold tasks whatever their outcome:",
      "re-applies the masks and filters the tables were created with, and drops those the spec no longer has.",
      "Unity Catalog only, so off Databricks it prints the statements instead of running them.",
    ],
    "governance",
    { statements: governanceTableStatements(plan).map((s) => ({ table: s.table, sql: s.sql })), tables },
  );
}
