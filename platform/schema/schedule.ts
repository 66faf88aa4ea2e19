import { z } from "zod";
import { databricksUuid } from "./ids";

/**
 * Quartz cron as Databricks takes it: seconds minutes hours day-of-month month day-of-week [year].
 * The full grammar is checked by a rule (rules/cron.ts); here only the shape.
 */
export const scheduleSchema = z.strictObject({
  /** Quartz cron expression, e.g. "0 0 2 * * ?" (02:00 every day). */
  quartzCron: z.string().min(1),
  /** IANA time zone id, e.g. "Europe/Amsterdam". */
  timezone: z.string().min(1),
  /** Whether the job's trigger (schedule, file arrival or continuous) starts paused. Default: paused in `dev`, running elsewhere. */
  paused: z.boolean().optional(),
});
export type ScheduleSpec = z.output<typeof scheduleSchema>;

const days = z.number().int().min(1).max(36500);

/**
 * Days each layer keeps data: landing files expire after it, the Delta layers VACUUM what is older
 * and keep removed files recoverable as long. Each layer defaults on its own, so a spec can set one.
 */
export const retentionSchema = z.strictObject({
  /** @default 30 (raw files bronze has already ingested) */
  landing: days.default(30),
  /** @default 365 (a year of replayable history) */
  bronze: days.default(365),
  /** @default 730 */
  silver: days.default(730),
  /** @default 1825 (five years of reporting history) */
  gold: days.default(1825),
});
export type RetentionSpec = z.output<typeof retentionSchema>;

export const notificationsSchema = z.strictObject({
  /** Emailed on failure and on duration warnings. */
  emails: z.array(z.email()).default([]),
  /** Databricks notification destination ids (Slack, Teams, webhooks) for the same events. */
  webhookDestinationIds: z.array(databricksUuid).default([]),
  /** A run longer than this raises a duration warning (the job's RUN_DURATION_SECONDS health rule). */
  durationWarningSeconds: z.number().int().min(60).default(3600),
});
export type NotificationsSpec = z.output<typeof notificationsSchema>;

/** Retry and timeout policy of every task in the environment's job. */
export const taskPolicySchema = z.strictObject({
  maxRetries: z.number().int().min(0).max(10).default(2),
  minRetryIntervalMillis: z.number().int().min(0).default(60_000),
  retryOnTimeout: z.boolean().default(true),
  /** A task running longer than this is stopped (and retried when retryOnTimeout). */
  timeoutSeconds: z.number().int().min(60).max(172_800).default(3600),
});
export type TaskPolicySpec = z.output<typeof taskPolicySchema>;
