import { ComplianceSecurityProfileWorkspaceSetting } from "@cdktf/provider-databricks/lib/compliance-security-profile-workspace-setting";
import { DisableLegacyAccessSetting } from "@cdktf/provider-databricks/lib/disable-legacy-access-setting";
import { DisableLegacyDbfsSetting } from "@cdktf/provider-databricks/lib/disable-legacy-dbfs-setting";
import { EnhancedSecurityMonitoringWorkspaceSetting } from "@cdktf/provider-databricks/lib/enhanced-security-monitoring-workspace-setting";
import { IpAccessList } from "@cdktf/provider-databricks/lib/ip-access-list";
import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { WorkspaceConf } from "@cdktf/provider-databricks/lib/workspace-conf";
import { Construct } from "constructs";
import type { WorkspaceSecuritySpec } from "../../platform";

export interface WorkspaceHardeningProps {
  readonly workspaceProvider: DatabricksProvider;
  /** The environment's hardening settings. */
  readonly security: WorkspaceSecuritySpec;
  /**
   * Whether the compliance security profile and enhanced security monitoring are workspace settings
   * managed here (AWS), rather than properties of the cloud's workspace resource (Azure).
   */
  readonly complianceSettingsInWorkspace: boolean;
}

const flag = (on: boolean) => (on ? "true" : "false");

/**
 * The workspace settings of the Databricks security reference architecture: verbose audit logs on;
 * results download, the DBFS file browser and notebook export off unless the spec allows them; a
 * maximum token lifetime; IP access lists; legacy access (Hive metastore, No-isolation clusters) and
 * the legacy DBFS root and mounts disabled; the compliance security profile and enhanced security
 * monitoring when the spec asks.
 */
export class WorkspaceHardening extends Construct {
  readonly conf: WorkspaceConf;

  constructor(scope: Construct, id: string, props: WorkspaceHardeningProps) {
    super(scope, id);
    const { workspaceProvider: provider, security } = props;
    const lists = security.ipAccessLists;

    // One workspace_conf per workspace: several would fight over the same keys.
    this.conf = new WorkspaceConf(this, "conf", {
      provider,
      customConfig: {
        enableVerboseAuditLogs: "true",
        enableResultsDownloading: flag(security.allowResultsDownload),
        enableDbfsFileBrowser: flag(security.allowDbfsFileBrowser),
        enableExportNotebook: flag(security.allowNotebookExport),
        maxTokenLifetimeDays: String(security.maxTokenLifetimeDays),
        enableIpAccessLists: flag(lists.length > 0),
      },
    });
    for (const list of lists) {
      new IpAccessList(this, `ip_access_list_${list.label}`, {
        provider,
        label: list.label,
        listType: list.action === "allow" ? "ALLOW" : "BLOCK",
        ipAddresses: [...list.cidrs],
        // The lists take effect only once enableIpAccessLists is on.
        dependsOn: [this.conf],
      });
    }
    new DisableLegacyAccessSetting(this, "disable_legacy_access", { provider, disableLegacyAccess: { value: true } });
    new DisableLegacyDbfsSetting(this, "disable_legacy_dbfs", { provider, disableLegacyDbfs: { value: true } });

    if (!props.complianceSettingsInWorkspace) return;
    const profile = security.complianceSecurityProfile;
    if (profile) {
      new ComplianceSecurityProfileWorkspaceSetting(this, "compliance_security_profile", {
        provider,
        complianceSecurityProfileWorkspace: { isEnabled: true, complianceStandards: [...profile.standards] },
      });
    }
    // The profile turns monitoring on as well; saying so keeps Terraform's view the same as the workspace's.
    if (security.enhancedSecurityMonitoring || profile) {
      new EnhancedSecurityMonitoringWorkspaceSetting(this, "enhanced_security_monitoring", {
        provider,
        enhancedSecurityMonitoringWorkspace: { isEnabled: true },
      });
    }
  }
}
