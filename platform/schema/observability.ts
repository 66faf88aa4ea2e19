import { z } from "zod";

/** Databricks SQL warehouse t-shirt sizes, smallest first. */
export const WAREHOUSE_SIZES = ["2X-Small", "X-Small", "Small", "Medium", "Large", "X-Large", "2X-Large", "3X-Large", "4X-Large"] as const;

/** The small SQL warehouse per environment that evaluates the alerts and serves the dashboard. */
export const warehouseSchema = z.strictObject({
  /** Cluster size of the warehouse. @default "2X-Small" */
  size: z.enum(WAREHOUSE_SIZES).default("2X-Small"),
  /**
   * Minutes of inactivity before the warehouse stops. Serverless warehouses may stop after 1;
   * classic and pro ones need at least 10 (a rule checks this).
   * @default 10
   */
  autoStopMinutes: z.number().int().min(1).max(1440).default(10),
  /** Serverless compute (both clouds offer it in most regions); a classic pro warehouse when false. @default true */
  serverless: z.boolean().default(true),
  /** Upper bound of clusters under concurrent load. @default 1 */
  maxClusters: z.number().int().min(1).max(30).default(1),
});
export type WarehouseSpec = z.output<typeof warehouseSchema>;

/** Monthly budgets of one environment on the Databricks account and on the cloud bill. */
export const budgetsSchema = z.strictObject({
  /** Databricks spend (list price, USD) per month of the environment's workspace and platform tags. @default 1000 */
  databricksMonthlyUsd: z.number().positive().default(1000),
  /** Cloud spend per month: AWS in USD (the environment's tagged resources), Azure in the billing currency (its resource group). @default 1000 */
  cloudMonthlyAmount: z.number().positive().default(1000),
  /** Percentages of the limit at which recipients are told; the Databricks budget takes at most four. @default [80, 100] */
  thresholdsPercent: z.array(z.number().positive().max(1000)).min(1).max(4).default([80, 100]),
  /** Who budget alerts go to. @default the environment's notification e-mails */
  recipients: z.array(z.email()).optional(),
});
export type BudgetsSpec = z.output<typeof budgetsSchema>;

/** How often the alerts are evaluated and how far back the security alerts look. */
export const alertingSchema = z.strictObject({
  /** Quartz cron of the monitoring job that evaluates every alert. @default every hour on the hour */
  quartzCron: z.string().min(1).default("0 0 * * * ?"),
  /** Audit events newer than this are checked by the security alerts: one alerting interval plus slack. @default 2 */
  securityLookbackHours: z.number().int().min(1).max(720).default(2),
  /** Failed logins by one identity within the lookback that raise the failed-login alert. @default 5 */
  failedLoginThreshold: z.number().int().min(1).default(5),
});
export type AlertingSpec = z.output<typeof alertingSchema>;

/** Per environment: the SQL warehouse, the alerts' cadence and the budgets. Every field has a default. */
export const observabilitySchema = z.strictObject({
  warehouse: warehouseSchema.prefault({}),
  alerts: alertingSchema.prefault({}),
  budgets: budgetsSchema.prefault({}),
});
export type ObservabilitySpec = z.output<typeof observabilitySchema>;

/** Per dataset: when its alerts fire. */
export const datasetMonitoringSchema = z.strictObject({
  /**
   * Warn when more than this share (0-1) of a run's rows failed a rule: an early signal below
   * quality.maxFailedFraction, where the silver task fails.
   * @default half of quality.maxFailedFraction
   */
  warnFailedFraction: z.number().min(0).max(1).optional(),
  /** Bronze must receive new rows at least this often (hours), else the freshness alert fires. @default 24 */
  freshnessHours: z.number().int().min(1).max(8760).default(24),
  /** Rows the quarantine may gain within 24 hours before the quarantine-growth alert fires. @default 1000 */
  maxQuarantinedRowsPerDay: z.number().int().min(0).default(1000),
});
export type DatasetMonitoringSpec = z.output<typeof datasetMonitoringSchema>;
