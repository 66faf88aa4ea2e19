/** The overview's orchestration and model tables: what starts each job, and what the spec trains. */
import * as naming from "../naming";
import { ML_SCHEMA, mlExperimentName, registeredModelName, trainingTaskKey } from "../naming/ml";
import { AIRFLOW_DAG_DIR, airflowDagFile } from "../naming/orchestration";
import { airflowCron, CONTINUOUS_DEFAULTS, type EnvironmentSpec, FILE_ARRIVAL_DEFAULTS, type Platform } from "../platform";
import { table } from "./tables";

/** How the pipeline job of a Databricks-triggered environment starts, and when. */
function databricksStart(platform: Platform, env: EnvironmentSpec): [string, string] {
  const ref = naming.envRef(platform, env);
  const { quartzCron, timezone } = env.schedule;
  const quartz = `\`${quartzCron}\` (Quartz) ${timezone}`;
  if (env.trigger === "fileArrival") {
    const f = env.fileArrival ?? FILE_ARRIVAL_DEFAULTS;
    const url = naming.fileArrivalUrl(naming.lakeLayerUrl(ref, env, "landing"));
    return ["a file landing (file arrival trigger)", `new files in \`${url}\`, at most every ${f.minTimeBetweenTriggersSeconds} s, ${f.waitAfterLastChangeSeconds} s after the last one`];
  }
  if (env.trigger === "continuous") {
    const c = env.continuous ?? CONTINUOUS_DEFAULTS;
    const downstream =
      c.downstream === "schedule"
        ? `on ${quartz}`
        : `when a silver table changes (table update trigger), at most every ${c.minTimeBetweenTriggersSeconds} s, ${c.waitAfterLastChangeSeconds} s after the last change`;
    return [`continuous: \`${naming.jobName(ref)}\` (bronze, silver) runs without pause`, `\`${naming.downstreamJobName(ref)}\` (gold and the rest) ${downstream}`];
  }
  return ["its Databricks schedule", quartz];
}

export function orchestration(platform: Platform): string {
  return table(
    ["stack", "trigger", "job triggered by", "when"],
    platform.environments.map((env) => {
      const ref = naming.envRef(platform, env);
      if (env.orchestrator === "databricks") return [naming.stackName(env), env.trigger, ...databricksStart(platform, env)];
      const converted = airflowCron(env.schedule.quartzCron);
      const cron = `\`${"cron" in converted ? converted.cron : env.schedule.quartzCron}\` (cron) ${env.schedule.timezone}`;
      const asset = env.trigger === "fileArrival" ? `, or when the Asset \`${naming.fileArrivalUrl(naming.lakeLayerUrl(ref, env, "landing"))}\` is updated` : "";
      // The job's own schedule or trigger stays paused there (LH-SINGLE-SCHEDULER).
      return [naming.stackName(env), env.trigger, `the Airflow DAG \`${AIRFLOW_DAG_DIR}/${airflowDagFile(ref)}\``, `${cron}${asset}`];
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
