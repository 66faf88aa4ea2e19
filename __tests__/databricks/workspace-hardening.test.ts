import { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { WorkspaceHardening } from "../../constructs/databricks/workspace-hardening";
import { DEFAULT_WORKSPACE_SECURITY, type WorkspaceSecuritySpec } from "../../platform";
import { all, res, synth } from "../aws/synth";

const WORKSPACE = "databricks.workspace";
const PROD: WorkspaceSecuritySpec = {
  ...DEFAULT_WORKSPACE_SECURITY,
  maxTokenLifetimeDays: 30,
  ipAccessLists: [
    { label: "corporate", action: "allow", cidrs: ["198.51.100.0/24"] },
    { label: "blocked", action: "block", cidrs: ["203.0.113.7"] },
  ],
  complianceSecurityProfile: { standards: ["PCI_DSS"] },
  enhancedSecurityMonitoring: true,
};

const harden = (security: WorkspaceSecuritySpec, complianceSettingsInWorkspace = true) =>
  synth((s) => {
    const workspaceProvider = new DatabricksProvider(s, "workspace", { alias: "workspace", host: "https://dbc-1.cloud.databricks.com" });
    new WorkspaceHardening(s, "hardening", { workspaceProvider, security, complianceSettingsInWorkspace });
  });

describe("WorkspaceHardening", () => {
  const prod = harden(PROD);
  const defaults = harden(DEFAULT_WORKSPACE_SECURITY);

  it("turns verbose audit logs on and results download, the DBFS browser and notebook export off by default, with a 90-day token limit", () => {
    expect(res(defaults, "databricks_workspace_conf", "hardening_conf").block).toStrictEqual({
      provider: WORKSPACE,
      custom_config: {
        enableVerboseAuditLogs: "true",
        enableResultsDownloading: "false",
        enableDbfsFileBrowser: "false",
        enableExportNotebook: "false",
        maxTokenLifetimeDays: "90",
        enableIpAccessLists: "false",
      },
    });
    expect(all(defaults.resource, "databricks_ip_access_list")).toStrictEqual([]);
  });

  it("allows what the spec allows, and keeps audit logs verbose whatever it says", () => {
    const dev = harden({ ...DEFAULT_WORKSPACE_SECURITY, allowResultsDownload: true, allowDbfsFileBrowser: true, allowNotebookExport: true, maxTokenLifetimeDays: 7 });
    expect(res(dev, "databricks_workspace_conf", "hardening_conf").block.custom_config).toStrictEqual({
      enableVerboseAuditLogs: "true",
      enableResultsDownloading: "true",
      enableDbfsFileBrowser: "true",
      enableExportNotebook: "true",
      maxTokenLifetimeDays: "7",
      enableIpAccessLists: "false",
    });
  });

  it("turns IP access lists on and creates each list of the spec once the switch is on", () => {
    const conf = res(prod, "databricks_workspace_conf", "hardening_conf");
    expect((conf.block.custom_config as Record<string, string>).enableIpAccessLists).toBe("true");
    expect(res(prod, "databricks_ip_access_list", "hardening_ip_access_list_corporate").block).toStrictEqual({
      provider: WORKSPACE,
      label: "corporate",
      list_type: "ALLOW",
      ip_addresses: ["198.51.100.0/24"],
      depends_on: [conf.address],
    });
    expect(res(prod, "databricks_ip_access_list", "hardening_ip_access_list_blocked").block).toStrictEqual({
      provider: WORKSPACE,
      label: "blocked",
      list_type: "BLOCK",
      ip_addresses: ["203.0.113.7"],
      depends_on: [conf.address],
    });
  });

  it("disables legacy access and the legacy DBFS root and mounts in every workspace", () => {
    for (const out of [prod, defaults]) {
      expect(res(out, "databricks_disable_legacy_access_setting", "hardening_disable_legacy_access").block).toStrictEqual({
        provider: WORKSPACE,
        disable_legacy_access: { value: true },
      });
      expect(res(out, "databricks_disable_legacy_dbfs_setting", "hardening_disable_legacy_dbfs").block).toStrictEqual({
        provider: WORKSPACE,
        disable_legacy_dbfs: { value: true },
      });
    }
  });

  it("turns the compliance security profile and enhanced security monitoring on when the spec asks", () => {
    expect(res(prod, "databricks_compliance_security_profile_workspace_setting", "hardening_compliance_security_profile").block).toStrictEqual({
      provider: WORKSPACE,
      compliance_security_profile_workspace: { is_enabled: true, compliance_standards: ["PCI_DSS"] },
    });
    expect(res(prod, "databricks_enhanced_security_monitoring_workspace_setting", "hardening_enhanced_security_monitoring").block).toStrictEqual({
      provider: WORKSPACE,
      enhanced_security_monitoring_workspace: { is_enabled: true },
    });
  });

  it("states monitoring on with the profile, since the profile turns it on anyway", () => {
    const out = harden({ ...DEFAULT_WORKSPACE_SECURITY, complianceSecurityProfile: { standards: ["HIPAA"] } });
    expect(all(out.resource, "databricks_enhanced_security_monitoring_workspace_setting")).toStrictEqual([
      { provider: WORKSPACE, enhanced_security_monitoring_workspace: { is_enabled: true } },
    ]);
  });

  it("leaves the profile and monitoring alone when the spec does not ask, or when the cloud's workspace resource holds them (Azure)", () => {
    for (const out of [defaults, harden(PROD, false)]) {
      expect(all(out.resource, "databricks_compliance_security_profile_workspace_setting")).toStrictEqual([]);
      expect(all(out.resource, "databricks_enhanced_security_monitoring_workspace_setting")).toStrictEqual([]);
    }
  });
});
