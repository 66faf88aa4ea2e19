import { DatabricksWorkspace } from "@cdktf/provider-azurerm/lib/databricks-workspace";
import { ComplianceSecurityProfileWorkspaceSetting } from "@cdktf/provider-databricks/lib/compliance-security-profile-workspace-setting";
import { DisableLegacyAccessSetting } from "@cdktf/provider-databricks/lib/disable-legacy-access-setting";
import { DisableLegacyDbfsSetting } from "@cdktf/provider-databricks/lib/disable-legacy-dbfs-setting";
import { MwsWorkspaces } from "@cdktf/provider-databricks/lib/mws-workspaces";
import { WorkspaceConf } from "@cdktf/provider-databricks/lib/workspace-conf";
import { type Rule, rule } from "../rule";
import { inStack, resolve } from "../terraform";
import { type RequirementsByStack, requirementsOf } from "../workspace-requirements";

const flag = (on: boolean) => (on ? "true" : "false");

/**
 * Each workspace (databricks_mws_workspaces on AWS, azurerm_databricks_workspace on Azure) comes with
 * the hardening of its stack's spec: one databricks_workspace_conf with verbose audit logs on,
 * results download, the DBFS browser and notebook export as the spec allows, a token lifetime no
 * longer than the spec's and IP access lists on when it declares some; legacy access and legacy DBFS
 * disabled; the compliance security profile on when the spec asks (a workspace setting on AWS, the
 * workspace's enhanced_security_compliance block on Azure).
 */
export function workspaceHardening(byStack: RequirementsByStack): Rule {
  return rule("LH-WORKSPACE-HARDENING", (node) => {
    if (!(node instanceof MwsWorkspaces || node instanceof DatabricksWorkspace)) return undefined;
    const req = requirementsOf(node, byStack);
    const problems: string[] = [];

    const confs = inStack(node, WorkspaceConf);
    if (confs.length !== 1) {
      problems.push(`add exactly one databricks_workspace_conf for the workspace (found ${confs.length})`);
    } else {
      const conf = (resolve(confs[0], confs[0].customConfigInput) ?? {}) as Record<string, unknown>;
      const expected: Record<string, string> = {
        enableVerboseAuditLogs: "true",
        enableResultsDownloading: flag(req.allowResultsDownload),
        enableDbfsFileBrowser: flag(req.allowDbfsFileBrowser),
        enableExportNotebook: flag(req.allowNotebookExport),
        ...(req.ipAccessLists ? { enableIpAccessLists: "true" } : {}),
      };
      for (const [key, value] of Object.entries(expected)) {
        if (String(conf[key]) !== value) problems.push(`set ${key} to "${value}" in the workspace_conf custom_config`);
      }
      const days = Number(conf.maxTokenLifetimeDays);
      if (!(days >= 1 && days <= req.maxTokenLifetimeDays)) problems.push(`set maxTokenLifetimeDays to at most ${req.maxTokenLifetimeDays} in the workspace_conf custom_config`);
    }

    const legacyAccess = inStack(node, DisableLegacyAccessSetting).some((s) => resolve(s, s.disableLegacyAccessInput?.value) === true);
    if (!legacyAccess) problems.push("add a databricks_disable_legacy_access_setting with disable_legacy_access { value = true }");
    const legacyDbfs = inStack(node, DisableLegacyDbfsSetting).some((s) => resolve(s, s.disableLegacyDbfsInput?.value) === true);
    if (!legacyDbfs) problems.push("add a databricks_disable_legacy_dbfs_setting with disable_legacy_dbfs { value = true }");

    if (req.complianceSecurityProfile) {
      const on =
        node instanceof DatabricksWorkspace
          ? resolve(node, node.enhancedSecurityComplianceInput?.complianceSecurityProfileEnabled) === true
          : inStack(node, ComplianceSecurityProfileWorkspaceSetting).some(
              (s) => resolve(s, s.complianceSecurityProfileWorkspaceInput?.isEnabled) === true,
            );
      if (!on) {
        problems.push(
          node instanceof DatabricksWorkspace
            ? "set enhancedSecurityCompliance.complianceSecurityProfileEnabled on the workspace: the spec asks for the compliance security profile"
            : "add a databricks_compliance_security_profile_workspace_setting with is_enabled = true: the spec asks for the compliance security profile",
        );
      }
    }
    return problems;
  });
}
