import { LogAnalyticsWorkspace } from "@cdktf/provider-azurerm/lib/log-analytics-workspace";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { Construct } from "constructs";
import { type AzurePlacement, placed } from "./placement";

/**
 * Databricks diagnostic-log categories that make up the audit trail: who signed in and changed
 * access, what ran, and every Unity Catalog, SQL, secret and file access.
 */
export const AUDIT_CATEGORIES = [
  "accounts",
  "clusters",
  "databrickssql",
  "dbfs",
  "deltaPipelines",
  "gitCredentials",
  "globalInitScripts",
  "iamRole",
  "instancePools",
  "jobs",
  "notebook",
  "repos",
  "secrets",
  "sqlPermissions",
  "ssh",
  "unityCatalog",
  "workspace",
] as const;

export interface WorkspaceAuditLogsProps extends AzurePlacement {
  /** Name of the Log Analytics workspace and of the diagnostic setting. */
  readonly name: string;
  /** The Databricks workspace whose logs are collected. */
  readonly workspaceId: string;
  /**
   * Days the audit trail is kept.
   * @default 365 (a year, what most audit regimes ask for)
   */
  readonly retentionDays?: number;
}

/** The workspace's audit categories, sent to a Log Analytics workspace of its own. */
export class WorkspaceAuditLogs extends Construct {
  readonly logAnalytics: LogAnalyticsWorkspace;

  constructor(scope: Construct, id: string, props: WorkspaceAuditLogsProps) {
    super(scope, id);
    this.logAnalytics = new LogAnalyticsWorkspace(this, "logs", {
      name: props.name,
      ...placed(props),
      sku: "PerGB2018",
      retentionInDays: props.retentionDays ?? 365,
    });
    new MonitorDiagnosticSetting(this, "diagnostics", {
      name: props.name,
      targetResourceId: props.workspaceId,
      logAnalyticsWorkspaceId: this.logAnalytics.id,
      logAnalyticsDestinationType: "Dedicated",
      enabledLog: AUDIT_CATEGORIES.map((category) => ({ category })),
    });
  }
}
