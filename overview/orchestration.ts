/** The overview's orchestration and model tables: who triggers each job, and what the spec trains. */
import * as naming from "../naming";
import { ML_SCHEMA, mlExperimentName, registeredModelName, trainingTaskKey } from "../naming/ml";
import { AIRFLOW_DAG_DIR, airflowDagFile } from "../naming/orchestration";
import { airflowCron, type Platform } from "../platform";
import { table } from "./tables";

export function orchestration(platform: Platform): string {
  return table(
    ["stack", "job triggered by", "schedule"],
    platform.environments.map((env) => {
      const ref = naming.envRef(platform, env);
      const { quartzCron, timezone } = env.schedule;
      if (env.orchestrator === "databricks") return [naming.stackName(env), "its Databricks schedule", `\`${quartzCron}\` (Quartz) ${timezone}`];
      const converted = airflowCron(quartzCron);
      const cron = "cron" in converted ? converted.cron : quartzCron;
      // The job's own schedule stays paused there (LH-SINGLE-SCHEDULER).
      return [naming.stackName(env), `the Airflow DAG \`${AIRFLOW_DAG_DIR}/${airflowDagFile(ref)}\``, `\`${cron}\` (cron) ${timezone}`];
    }),
  );
}

/** One row per model and environment that has ML on; empty when the spec has no models. */
export function models(platform: Platform): string {
  const ml = platform.ml;
  const environments = platform.environments.filter((e) => e.ml);
  if (!ml || environments.length === 0) return "";
  return table(
    ["stack", "registered model", "learns", "from", "alias", "experiment", "trained by (job task)"],
    environments.flatMap((env) => {
      const ref = naming.envRef(platform, env);
      return ml.models.map((m) => [
        naming.stackName(env),
        `${naming.catalogName(ref)}.${ML_SCHEMA}.${registeredModelName(m)}`,
        `${m.label} from ${m.features.join(", ")}`,
        `gold.${m.gold}`,
        `@${m.alias}`,
        mlExperimentName(ref),
        `\`${trainingTaskKey(m)}\` after \`${naming.goldTaskKey({ name: m.gold })}\``,
      ]);
    }),
  );
}
