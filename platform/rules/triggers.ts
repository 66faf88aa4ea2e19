import type { Problem } from "../problem";
import type { EnvironmentSpec, Platform } from "../schema";
import type { SpecRule } from "./rule";

/** The Jobs API's least `min_time_between_triggers_seconds` and `wait_after_last_change_seconds` (https://docs.databricks.com/api/workspace/jobs/create). */
export const MIN_TRIGGER_SECONDS = 60;
/**
 * The most files a location watched by a file arrival trigger may hold when it has no file events, which these stacks
 * do not enable; a location with more is not monitored (https://docs.databricks.com/aws/en/jobs/file-arrival-triggers, limitations).
 */
export const FILE_ARRIVAL_MAX_FILES = 10_000;

function atLeastMinimum(at: string, block: Record<string, unknown>, fields: ReadonlyArray<string>): Problem[] {
  return fields.flatMap((field) => {
    const value = block[field];
    return typeof value === "number" && value < MIN_TRIGGER_SECONDS
      ? [{ path: `${at}.${field}`, value, message: `must be at least ${MIN_TRIGGER_SECONDS} seconds, the Jobs API's minimum` }]
      : [];
  });
}

/** A trigger's own block set for another trigger would be silently ignored. */
function unusedBlocks(env: EnvironmentSpec, at: string): Problem[] {
  const blocks = [
    ["fileArrival", env.fileArrival],
    ["continuous", env.continuous],
  ] as const;
  return blocks.flatMap(([kind, block]) =>
    block !== undefined && env.trigger !== kind
      ? [{ path: `${at}.${kind}`, value: block, message: `is read only when trigger is "${kind}" (trigger is "${env.trigger}"): remove it or set trigger: "${kind}"` }]
      : [],
  );
}

function fileArrivalProblems(env: EnvironmentSpec, at: string): Problem[] {
  const maxFiles = env.fileArrival?.maxFilesPerDay;
  const retention = env.retentionDays.landing;
  const files: Problem[] =
    maxFiles === undefined
      ? [
          {
            path: `${at}.fileArrival.maxFilesPerDay`,
            value: maxFiles,
            message: `required with trigger "fileArrival": the most files landing per day, so that landing (which keeps files retentionDays.landing = ${retention} days) stays within the trigger's ${FILE_ARRIVAL_MAX_FILES} files`,
          },
        ]
      : maxFiles * retention > FILE_ARRIVAL_MAX_FILES
        ? [
            {
              path: `${at}.fileArrival.maxFilesPerDay`,
              value: maxFiles,
              message:
                `landing would hold up to ${maxFiles * retention} files (${maxFiles} a day for retentionDays.landing = ${retention} days); ` +
                `a file arrival trigger watches at most ${FILE_ARRIVAL_MAX_FILES}: accepted is maxFilesPerDay <= ${Math.floor(FILE_ARRIVAL_MAX_FILES / retention)} at this retention, a shorter retentionDays.landing, or trigger "schedule"`,
            },
          ]
        : [];
  return [...atLeastMinimum(`${at}.fileArrival`, env.fileArrival ?? {}, ["minTimeBetweenTriggersSeconds", "waitAfterLastChangeSeconds"]), ...files];
}

function continuousProblems(env: EnvironmentSpec, at: string): Problem[] {
  return [
    ...(env.continuous ? atLeastMinimum(`${at}.continuous`, env.continuous, ["minTimeBetweenTriggersSeconds", "waitAfterLastChangeSeconds"]) : []),
    // A continuous job starts a new run whenever the last one ends: there is nothing for Airflow to start.
    ...(env.orchestrator === "airflow"
      ? [{ path: `${at}.orchestrator`, value: env.orchestrator, message: `a continuous job runs all the time and Airflow cannot trigger it: accepted with trigger "continuous" is orchestrator "databricks"; keep Airflow with trigger "schedule" or "fileArrival"` }]
      : []),
  ];
}

/** Each environment's trigger has the settings it needs, within the Jobs API's bounds, and no other trigger's. */
export const triggerRules: SpecRule = (p: Platform) =>
  p.environments.flatMap((env, i) => {
    const at = `environments[${i}]`;
    return [
      ...unusedBlocks(env, at),
      ...(env.trigger === "fileArrival" ? fileArrivalProblems(env, at) : []),
      ...(env.trigger === "continuous" ? continuousProblems(env, at) : []),
    ];
  });
