/**
 * The silver notebook of one dataset: its columns, types, standardisation, rules, key and ordering
 * as configuration, and lakehouse_runtime.silver.run, which reads bronze's new rows, quarantines
 * the failures by rule name, records the quality results and merges the latest passing version of each key.
 */
import * as naming from "../naming";
import { type DatasetSpec, type Platform, silverColumns, type TransformationSpec } from "../platform";
import { governancePlan, tableGovernance } from "./governance-sql";
import { taskNotebook } from "./notebook";
import type { PyValue } from "./python";
import { rowRules } from "./quality";
import { landingColumns, landingType, sqlType } from "./tables";
import { catalogWidget, onDatabricksWidget, runIdWidget, runtimePathWidget, type Widget } from "./widgets";

/**
 * The held batches the operator lets through the quality gate: `none`, or `<dataset>:<first>-<last>`
 * (comma-separated) as the gate's error names them, passed with "Run now with different
 * parameters" or a repair run; a run-now value overrides the task's base parameter of that name
 * (https://docs.databricks.com/api/workspace/jobs/create, notebook_task.base_parameters).
 */
export const acceptHeldBatchWidget: Widget = { name: "accept_held_batch", value: () => "none" };

export const silverWidgets = (): Widget[] => [runtimePathWidget, catalogWidget, runIdWidget, onDatabricksWidget, acceptHeldBatchWidget];

const transformation = (t: TransformationSpec): PyValue => (t.kind === "derive" ? { ...t, type: sqlType(t.type) } : { ...t });

const silverTable = (name: string) => `${naming.schemaName("silver")}.${name}`;

/** The masks and row filters silver and quarantine are created with (on Unity Catalog). */
function silverGovernance(ds: DatasetSpec, platform: Platform): PyValue {
  const plan = governancePlan(platform);
  return { silver: tableGovernance(plan, "silver", naming.silverTable(ds)), quarantine: tableGovernance(plan, "silver", naming.quarantineTable(ds)) };
}

export const silverConfig = (ds: DatasetSpec, platform: Platform): PyValue => ({
  dataset: ds.name,
  bronze_table: `${naming.schemaName("bronze")}.${naming.bronzeTable(ds)}`,
  silver_table: silverTable(naming.silverTable(ds)),
  quarantine_table: silverTable(naming.quarantineTable(ds)),
  quality_table: silverTable(naming.QUALITY_RESULTS_TABLE),
  landing_columns: landingColumns(ds),
  columns: ds.columns.map((c) => ({ name: c.name, type: sqlType(c.type), cast: landingType(ds, c) !== c.type })),
  silver_columns: silverColumns(ds).map((c) => ({ name: c.name, type: sqlType(c.type), nullable: c.nullable })),
  transformations: ds.transformations.map(transformation),
  rules: rowRules(ds),
  primary_key: ds.primaryKey,
  ordering_column: ds.orderingColumn,
  max_failed_fraction: ds.quality.maxFailedFraction,
  min_failed_rows: ds.quality.minFailedRows,
  schema_evolution: ds.schemaEvolution,
  governance: silverGovernance(ds, platform),
});

export function silverNotebook(ds: DatasetSpec, platform: Platform): string {
  return taskNotebook(
    [
      `# Silver: ${ds.name}`,
      ...(ds.description ? [ds.description] : []),
      "",
      "Reads the rows bronze added since the last run, casts them to the spec's types and standardises them, evaluates",
      "the quality rules, quarantines failing rows with the names of the rules they failed, records one quality result",
      `per rule, and merges the latest passing version of each key (by ${ds.orderingColumn}) into silver.`,
      `Schema evolution: ${ds.schemaEvolution}.`,
    ],
    "silver",
    silverConfig(ds, platform),
  );
}
