/**
 * An environment's plan with gold built by dbt: the gold notebook tasks give way to one dbt task
 * that waits for everything they waited for, and every task that waited for a gold task (governance,
 * maintenance) waits for the dbt task instead, so the DAG keeps its edges.
 */
import * as naming from "../naming";
import { DBT_TASK_KEY } from "../naming/pipeline";
import { DBT_DATABRICKS_PACKAGE } from "./dbt-project";
import type { PipelinePlan } from "./plan";

/** `dbt build` runs each model, then its tests: a failing test fails the task. */
export const DBT_COMMANDS = ["dbt build"] as const;

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
