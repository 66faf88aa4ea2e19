/** The tasks one environment's job runs: the platform's plan, cut to what the environment asks for. */
import type { EnvironmentSpec, Platform } from "../platform";
import { withDbtGold } from "./dbt-task";
import type { PipelinePlan } from "./plan";

/**
 * The GX validation task (which gold waits for) and the training and scoring tasks only where the environment asks for them; gold as dbt's where it says so.
 * The job construct deploys this plan and the access model (access/needs.ts) derives its privileges from it.
 */
export function environmentPlan(platform: Platform, environment: EnvironmentSpec, plan: PipelinePlan): PipelinePlan {
  const trains = environment.ml && platform.ml !== undefined;
  const kept = plan.tasks.filter((t) => (t.layer !== "validation" || environment.greatExpectations.validate) && ((t.layer !== "training" && t.layer !== "scoring") || trains));
  // Gold's edge to the validation task goes with it; gold keeps its edges to the silver tasks it reads.
  const keys = new Set(kept.map((t) => t.taskKey));
  const tasks: PipelinePlan = { tasks: kept.map((t) => (t.dependsOn.every((k) => keys.has(k)) ? t : { ...t, dependsOn: t.dependsOn.filter((k) => keys.has(k)) })) };
  return environment.gold.engine === "dbt" ? withDbtGold(tasks) : tasks;
}
