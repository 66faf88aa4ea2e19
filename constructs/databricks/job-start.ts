/**
 * What starts each job of an environment, as the provider's blocks: one of `schedule`, `trigger` or `continuous`, since
 * "you can only have one trigger defined for a job" (https://docs.databricks.com/aws/en/jobs/triggers).
 */
import type { JobContinuous, JobSchedule, JobTrigger } from "@cdktf/provider-databricks/lib/job";
import { CONTINUOUS_DEFAULTS, type EnvironmentSpec, FILE_ARRIVAL_DEFAULTS } from "../../platform";

export interface JobStart {
  readonly schedule?: JobSchedule;
  readonly trigger?: JobTrigger;
  readonly continuous?: JobContinuous;
}

/**
 * Paused where Airflow triggers the job (the DAG starts it; LH-SINGLE-SCHEDULER fails synth otherwise), else as
 * `schedule.paused` says, paused in dev by default; it pauses whichever trigger the job has.
 */
export const pauseStatus = (environment: EnvironmentSpec) =>
  environment.orchestrator === "airflow" || (environment.schedule.paused ?? environment.name === "dev") ? "PAUSED" : "UNPAUSED";

const schedule = (environment: EnvironmentSpec): JobStart => ({
  schedule: { quartzCronExpression: environment.schedule.quartzCron, timezoneId: environment.schedule.timezone, pauseStatus: pauseStatus(environment) },
});

/**
 * The pipeline job's start (the ingestion job's in a continuous environment). `fileArrivalUrl` is the landing
 * location's root ending in "/" (naming.fileArrivalUrl): a file arrival trigger watches "the root of a Unity Catalog
 * external location or volume, or a subpath", recursively (https://docs.databricks.com/aws/en/jobs/file-arrival-triggers).
 */
export function pipelineJobStart(environment: EnvironmentSpec, fileArrivalUrl: string): JobStart {
  if (environment.trigger === "fileArrival") {
    const { minTimeBetweenTriggersSeconds, waitAfterLastChangeSeconds } = environment.fileArrival ?? FILE_ARRIVAL_DEFAULTS;
    return { trigger: { pauseStatus: pauseStatus(environment), fileArrival: { url: fileArrivalUrl, minTimeBetweenTriggersSeconds, waitAfterLastChangeSeconds } } };
  }
  if (environment.trigger === "continuous") {
    // A continuous job takes no task retry policy; ON_FAILURE retries a failed task within the run with exponential
    // backoff, and a failed run is followed by a new one (https://docs.databricks.com/aws/en/jobs/continuous).
    return { continuous: { pauseStatus: pauseStatus(environment), taskRetryMode: "ON_FAILURE" } };
  }
  return schedule(environment);
}

/**
 * The downstream job of a continuous environment: when any silver table changes (`table_update`, ANY_UPDATED; the
 * run-as principal needs SELECT on each, https://docs.databricks.com/aws/en/jobs/trigger-table-update), or on the schedule.
 */
export function downstreamJobStart(environment: EnvironmentSpec, silverTables: ReadonlyArray<string>): JobStart {
  const c = environment.continuous ?? CONTINUOUS_DEFAULTS;
  if (c.downstream === "schedule") return schedule(environment);
  return {
    trigger: {
      pauseStatus: pauseStatus(environment),
      tableUpdate: {
        tableNames: [...silverTables],
        condition: "ANY_UPDATED",
        minTimeBetweenTriggersSeconds: c.minTimeBetweenTriggersSeconds,
        waitAfterLastChangeSeconds: c.waitAfterLastChangeSeconds,
      },
    },
  };
}
