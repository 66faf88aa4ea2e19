import { airflowCron } from "../airflow-cron";
import type { Problem } from "../problem";
import type { Platform } from "../schema";
import { quartzCronError } from "../syntax/quartz";
import type { SpecRule } from "./rule";

/**
 * An environment Airflow orchestrates takes its DAG's schedule from `schedule.quartzCron`, so that
 * expression must have a cron equivalent.
 */
export const orchestrationRules: SpecRule = (p: Platform) =>
  p.environments.flatMap((env, i): Problem[] => {
    const at = `environments[${i}]`;
    if (env.orchestrator !== "airflow") return [];
    // An invalid Quartz expression is reported by the environment rules already.
    if (quartzCronError(env.schedule.quartzCron) !== null) return [];
    const converted = airflowCron(env.schedule.quartzCron);
    return "error" in converted
      ? [{ path: `${at}.schedule.quartzCron`, value: env.schedule.quartzCron, message: `orchestrator "airflow": ${converted.error}` }]
      : [];
  });
