/**
 * The batch scoring task of one model (platform ml.models[], environments with `ml: true`): the version under the
 * model's alias scores every row of its gold table, and lakehouse_runtime.scoring.run replaces the rows of the
 * model's predictions table in gold, created with the gold table's masks and row filter.
 */
import * as naming from "../naming";
import { predictionsTable, registeredModelName } from "../naming/ml";
import type { ModelSpec, Platform } from "../platform";
import { outputName } from "./gold-query";
import { governancePlan, type TableGovernance, tableGovernance } from "./governance-sql";
import { taskNotebook } from "./notebook";
import { catalogWidget, onDatabricksWidget, runtimePathWidget, type Widget } from "./widgets";
import { mlWidget } from "./training";

export const scoringWidgets = (): Widget[] => [
  runtimePathWidget,
  catalogWidget,
  onDatabricksWidget,
  mlWidget("tracking_uri", (t) => t.trackingUri),
  mlWidget("registry_uri", (t) => t.registryUri),
];

/** The gold table's grouping key: the columns that identify a prediction's row. */
const keyColumns = (model: ModelSpec, platform: Platform): string[] =>
  (platform.gold.find((g) => g.name === model.gold)?.groupBy ?? []).map(outputName);

/**
 * The gold table's masks and row filter, on the columns the predictions keep: its key (which carries its row
 * filter's columns) and the features (a min/max of a PII column is masked in gold, so here too).
 */
export function predictionsGovernance(model: ModelSpec, platform: Platform): TableGovernance {
  const gold = tableGovernance(governancePlan(platform), "gold", naming.goldTable({ name: model.gold }));
  const kept = new Set([...keyColumns(model, platform), ...model.features]);
  return { masks: Object.fromEntries(Object.entries(gold.masks).filter(([column]) => kept.has(column))), row_filter: gold.row_filter };
}

export function scoringNotebook(model: ModelSpec, platform: Platform): string {
  const gold = naming.schemaName("gold");
  return taskNotebook(
    [
      `# Scoring: ${model.name}`,
      "",
      `Scores every row of gold.${model.gold}'s current version with the version of ml.${registeredModelName(model)} under @${model.alias}`,
      `(mlflow.pyfunc.spark_udf) and replaces the rows of gold.${predictionsTable(model)}: one prediction per row of gold.${model.gold}.`,
    ],
    "scoring",
    {
      model: registeredModelName(model),
      alias: model.alias,
      source_table: `${gold}.${naming.goldTable({ name: model.gold })}`,
      predictions_table: `${gold}.${predictionsTable(model)}`,
      keys: keyColumns(model, platform),
      features: [...model.features],
      governance: predictionsGovernance(model, platform),
    },
  );
}
