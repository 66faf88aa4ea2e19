/**
 * An environment's plan with gold built by dbt: the gold notebook tasks give way to one dbt task
 * that waits for everything they waited for, and every task that waited for a gold task (governance,
 * maintenance) waits for the dbt task instead, so the DAG keeps its edges.
 */
import * as naming from "../naming";
import { DBT_TASK_KEY } from "../naming/pipeline";
import { DBT_DATABRICKS_PACKAGE } from "./dbt-project";
import type { PipelinePlan } from "./plan";

/**
 * The task's dbt commands, in order; one that fails stops the task
 * (https://docs.databricks.com/aws/en/jobs/dbt):
 * - `dbt source freshness`: silver's age per source (sources.json), a warning only;
 * - `dbt build`: each model, then its tests: a failing test fails the task;
 * - `dbt docs generate`: the catalog and the docs site (catalog.json, index.html), kept with the
 *   run's other artifacts, which the Jobs API serves (runs/get-output: dbt_output.artifacts_link).
 */
export const DBT_COMMANDS = ["dbt source freshness", "dbt build", "dbt docs generate"] as const;

export function withDbtGold(plan: PipelinePlan): PipelinePlan {
  const gold = plan.tasks.filter((t) => t.layer === "gold");
  if (gold.length === 0) return plan;
  const goldKeys = new Set(gold.map((t) => t.taskKey));
  const swap = (keys: ReadonlyArray<string>) => [...new Set(keys.map((k) => (goldKeys.has(k) ? DBT_TASK_KEY : k)))].sort();
  return {
    tasks: plan.tasks.filter((t) => t.layer !== "gold").map((t) => ({ ...t, dependsOn: swap(t.dependsOn) })),
    dbt: {
      taskKey: DBT_TASK_KEY,
      dependsOn: [...new Set(gold.flatMap((t) => t.dependsOn))].sort(),
      commands: DBT_COMMANDS,
      schema: naming.schemaName("gold"),
      pypiPackages: [DBT_DATABRICKS_PACKAGE],
    },
  };
}
