/** The tasks one environment's job runs: the platform's plan, cut to what the environment asks for. */
import type { EnvironmentSpec, Platform } from "../platform";
import { withDbtGold } from "./dbt-task";
import type { PipelinePlan } from "./plan";

/**
 * The GX validation task and the training and scoring tasks only where the environment asks for them; gold as dbt's where it says so.
 * The job construct deploys this plan and the access model (access/needs.ts) derives its privileges from it.
 */
export function environmentPlan(platform: Platform, environment: EnvironmentSpec, plan: PipelinePlan): PipelinePlan {
  const trains = environment.ml && platform.ml !== undefined;
  const tasks: PipelinePlan = {
    tasks: plan.tasks.filter((t) => (t.layer !== "validation" || environment.greatExpectations.validate) && ((t.layer !== "training" && t.layer !== "scoring") || trains)),
  };
  return environment.gold.engine === "dbt" ? withDbtGold(tasks) : tasks;
}
