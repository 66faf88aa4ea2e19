import { z } from "zod";

/**
 * What starts an environment's pipeline job, one trigger per job as Databricks allows
 * (https://docs.databricks.com/aws/en/jobs/triggers):
 * - "schedule": `schedule.quartzCron`;
 * - "fileArrival": a new file in the landing external location (`fileArrival`);
 * - "continuous": the ingestion job (bronze, silver) runs continuously, and gold, maintenance, governance,
 *   validation and training move to a second job started by silver's updates or by `schedule.quartzCron` (`continuous`).
 */
export const triggerSchema = z.enum(["schedule", "fileArrival", "continuous"]);
export type TriggerKind = z.output<typeof triggerSchema>;

/**
 * The file arrival trigger on the landing location (Jobs API `trigger.file_arrival`,
 * https://docs.databricks.com/aws/en/jobs/file-arrival-triggers). Bounds are checked by rules/triggers.ts.
 */
export const fileArrivalSchema = z.strictObject({
  /** A run starts at most this often (Jobs API minimum 60). @default 60 */
  minTimeBetweenTriggersSeconds: z.number().int().default(60),
  /** A run starts once no file has arrived for this long, so a batch of files lands first (Jobs API minimum 60). @default 60 */
  waitAfterLastChangeSeconds: z.number().int().default(60),
  /**
   * The most files landing per day, all datasets together. Required: landing keeps files `retentionDays.landing`
   * days, and a location watched without file events may hold at most 10,000 files.
   */
  maxFilesPerDay: z.number().int().min(1).optional(),
});
export type FileArrivalSpec = z.output<typeof fileArrivalSchema>;
/** A file-arrival environment's timings when the spec gives no `fileArrival` block (validation then asks for maxFilesPerDay). */
export const FILE_ARRIVAL_DEFAULTS: FileArrivalSpec = fileArrivalSchema.parse({});

/** The continuous ingestion job (Jobs API `continuous`) and how its downstream job starts. */
export const continuousSchema = z.strictObject({
  /**
   * "tableUpdate": the downstream job runs when silver tables change (Jobs API `trigger.table_update`,
   * https://docs.databricks.com/aws/en/jobs/trigger-table-update); "schedule": on `schedule.quartzCron`.
   * @default "tableUpdate"
   */
  downstream: z.enum(["tableUpdate", "schedule"]).default("tableUpdate"),
  /** tableUpdate: a downstream run starts at most this often (Jobs API minimum 60). @default 300 */
  minTimeBetweenTriggersSeconds: z.number().int().default(300),
  /** tableUpdate: a downstream run starts once silver has not changed for this long (Jobs API minimum 60). @default 60 */
  waitAfterLastChangeSeconds: z.number().int().default(60),
});
export type ContinuousSpec = z.output<typeof continuousSchema>;
/** A continuous environment's settings when the spec gives no `continuous` block. */
export const CONTINUOUS_DEFAULTS: ContinuousSpec = continuousSchema.parse({});

/** The environment's trigger fields (environment.ts spreads them in). */
export const triggerFields = {
  /** What starts the pipeline job. @default "schedule" */
  trigger: triggerSchema.default("schedule"),
  /** Read only when `trigger` is "fileArrival", which requires its `maxFilesPerDay`. */
  fileArrival: fileArrivalSchema.optional(),
  /** Read only when `trigger` is "continuous". @default CONTINUOUS_DEFAULTS */
  continuous: continuousSchema.optional(),
} as const;
