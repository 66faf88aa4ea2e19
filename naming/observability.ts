/**
 * Names of what watches an environment: its SQL warehouse, alerts and their queries, the job that
 * evaluates them, the dashboard, the budgets, and the Databricks system tables the queries read.
 */
import type { EnvironmentSpec } from "../platform/schema";
import { type EnvRef, resourceName, workspaceFolder } from "./index";

/** The kinds of alert every environment has, in the order the monitoring job lists them. */
export const ALERT_KINDS = [
  "quality_warning",
  "quarantine_growth",
  "freshness",
  "failed_logins",
  "permission_changes",
  "token_creation",
  "admin_group_changes",
] as const;
/** The alert an environment has where it validates with Great Expectations (environments[].greatExpectations.validate). */
export const EXPECTATION_WARNING_ALERT = "expectation_warning" as const;
export type AlertKind = (typeof ALERT_KINDS)[number] | typeof EXPECTATION_WARNING_ALERT;
/** The kinds of alert one environment has, in the monitoring job's order. */
export const environmentAlertKinds = (env: Pick<EnvironmentSpec, "greatExpectations">): AlertKind[] => [
  ...ALERT_KINDS,
  ...(env.greatExpectations.validate ? [EXPECTATION_WARNING_ALERT] : []),
];

/** The environment's SQL warehouse: rtl-dev-sql. */
export const warehouseName = (r: EnvRef) => resourceName(r, "sql");
/** Workspace folder of the alerts, their queries and the dashboard. */
export const monitoringFolder = (r: EnvRef) => `${workspaceFolder(r)}/monitoring`;
/** Display name of an alert and of the query it evaluates: "rtl-dev freshness". */
export const alertName = (r: EnvRef, kind: AlertKind) => `${resourceName(r)} ${kind.replace(/_/g, " ")}`;
/** Task key of an alert in the monitoring job. */
export const alertTaskKey = (kind: AlertKind) => `alert_${kind}`;
/** The job that evaluates every alert on the alerting schedule: rtl-dev-monitoring. */
export const monitoringJobName = (r: EnvRef) => resourceName(r, "monitoring");
/** The environment's dashboard: "rtl-dev lakehouse". */
export const dashboardName = (r: EnvRef) => `${resourceName(r)} lakehouse`;
/** A monthly budget of the environment, on the Databricks account or the cloud bill: rtl-dev-databricks-monthly. */
export const budgetName = (r: EnvRef, level: "databricks" | "cloud") => resourceName(r, level, "monthly");

/**
 * The system schemas the alerts and the dashboard read, as databricks_system_schema enables them.
 * `billing` is not listed: Databricks enables it on every metastore and it cannot be toggled.
 */
export const SYSTEM_SCHEMAS = ["access", "lakeflow"] as const;
/** System tables the queries read. */
export const SYSTEM_TABLES = {
  audit: "system.access.audit",
  usage: "system.billing.usage",
  listPrices: "system.billing.list_prices",
  jobRunTimeline: "system.lakeflow.job_run_timeline",
  jobs: "system.lakeflow.jobs",
} as const;

/**
 * System schemas are enabled per metastore, not per workspace: the first environment (spec order)
 * on a metastore enables them, so two stacks never manage, or destroy, the same switch.
 */
export const metastoreKey = (env: Pick<EnvironmentSpec, "name" | "cloud" | "metastore">) =>
  "existingId" in env.metastore ? `${env.cloud}:${env.metastore.existingId}` : `${env.cloud}:new:${env.name}`;
