import { DatabricksWorkspace } from "@cdktf/provider-azurerm/lib/databricks-workspace";
import { ComplianceSecurityProfileWorkspaceSetting } from "@cdktf/provider-databricks/lib/compliance-security-profile-workspace-setting";
import { MwsWorkspaces, type MwsWorkspacesConfig } from "@cdktf/provider-databricks/lib/mws-workspaces";
import { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import type { TerraformStack } from "cdktf";
import { WorkspaceHardening } from "../../constructs/databricks/workspace-hardening";
import { BASELINE_REQUIREMENTS, type WorkspaceRequirements } from "../../guardrails";
import { workspaceCmk } from "../../guardrails/rules/workspace-cmk";
import { workspaceHardening } from "../../guardrails/rules/workspace-hardening";
import { DEFAULT_WORKSPACE_SECURITY, type WorkspaceSecuritySpec } from "../../platform";
import { workspaceRequirements } from "../../stacks/workspace-requirements";
import { platform } from "../fixtures/platform";
import { bucket, stack, workspaceProvider } from "./stacks";

const account = (scope: TerraformStack) => new DatabricksProvider(scope, "account", { alias: "account", host: "https://accounts.cloud.databricks.com" });
const awsWorkspace = (scope: TerraformStack, extra: Partial<MwsWorkspacesConfig> = {}) =>
  new MwsWorkspaces(scope, "aws_workspace", { provider: account(scope), accountId: "a", workspaceName: "w", awsRegion: "eu-west-1", credentialsId: "c", storageConfigurationId: "s", ...extra });
const azureWorkspace = (scope: TerraformStack, complianceSecurityProfileEnabled?: boolean) =>
  new DatabricksWorkspace(scope, "azure_workspace", {
    name: "w",
    resourceGroupName: "rg",
    location: "westeurope",
    sku: "premium",
    enhancedSecurityCompliance: complianceSecurityProfileEnabled === undefined ? undefined : { complianceSecurityProfileEnabled, enhancedSecurityMonitoringEnabled: true },
  });
const harden = (scope: TerraformStack, security: Partial<WorkspaceSecuritySpec> = {}, complianceSettingsInWorkspace = true) =>
  new WorkspaceHardening(scope, "hardening", { workspaceProvider: workspaceProvider(scope), security: { ...DEFAULT_WORKSPACE_SECURITY, ...security }, complianceSettingsInWorkspace });
/** Requirements for the test stack ("test"). */
const asks = (req: Partial<WorkspaceRequirements>) => ({ test: { ...BASELINE_REQUIREMENTS, ...req } });

describe("LH-AWS-WORKSPACE-CMK", () => {
  const cmk = asks({ customerManagedKeys: true });

  it("passes a workspace with both keys where the spec asks for them, and any workspace where it does not", () => {
    expect(workspaceCmk(cmk)(awsWorkspace(stack(), { managedServicesCustomerManagedKeyId: "m", storageCustomerManagedKeyId: "s" }))).toStrictEqual([]);
    expect(workspaceCmk({})(awsWorkspace(stack()))).toStrictEqual([]);
    expect(workspaceCmk(cmk)(bucket(stack()))).toBeUndefined();
  });

  it("fails if a workspace whose spec asks for CMKs has neither key", () => {
    expect(workspaceCmk(cmk)(awsWorkspace(stack()))?.map((f) => f.message)).toStrictEqual([
      "set managedServicesCustomerManagedKeyId: the environment asks for customer-managed keys (WorkspaceKeys.managedServices)",
      "set storageCustomerManagedKeyId: the environment asks for customer-managed keys (WorkspaceKeys.storage)",
    ]);
  });

  it("fails if a workspace whose spec asks for CMKs lacks the storage key", () => {
    const finding = workspaceCmk(cmk)(awsWorkspace(stack(), { managedServicesCustomerManagedKeyId: "m" }));
    expect(finding).toStrictEqual([
      { ruleId: "LH-AWS-WORKSPACE-CMK", path: "test/aws_workspace", message: "set storageCustomerManagedKeyId: the environment asks for customer-managed keys (WorkspaceKeys.storage)" },
    ]);
  });
});

describe("LH-WORKSPACE-HARDENING", () => {
  it("passes a workspace hardened as its spec says, on either cloud", () => {
    const aws = stack();
    harden(aws);
    expect(workspaceHardening({})(awsWorkspace(aws))).toStrictEqual([]);
    const azure = stack();
    harden(azure, { complianceSecurityProfile: { standards: ["PCI_DSS"] }, ipAccessLists: [{ label: "office", action: "allow", cidrs: ["198.51.100.0/24"] }] }, false);
    expect(workspaceHardening(asks({ complianceSecurityProfile: true, ipAccessLists: true }))(azureWorkspace(azure, true))).toStrictEqual([]);
    expect(workspaceHardening({})(bucket(stack()))).toBeUndefined();
  });

  it("fails if a workspace has no hardening at all", () => {
    expect(workspaceHardening({})(awsWorkspace(stack()))?.map((f) => f.message)).toStrictEqual([
      "add exactly one databricks_workspace_conf for the workspace (found 0)",
      "add a databricks_disable_legacy_access_setting with disable_legacy_access { value = true }",
      "add a databricks_disable_legacy_dbfs_setting with disable_legacy_dbfs { value = true }",
    ]);
  });

  it("fails if results download or notebook export is on where the spec does not allow it, or the token lifetime is longer", () => {
    const s = stack();
    harden(s, { allowResultsDownload: true, allowNotebookExport: true, maxTokenLifetimeDays: 90 });
    expect(workspaceHardening(asks({ maxTokenLifetimeDays: 30 }))(awsWorkspace(s))?.map((f) => f.message)).toStrictEqual([
      'set enableResultsDownloading to "false" in the workspace_conf custom_config',
      'set enableExportNotebook to "false" in the workspace_conf custom_config',
      "set maxTokenLifetimeDays to at most 30 in the workspace_conf custom_config",
    ]);
  });

  it("fails if the spec declares IP access lists and the workspace leaves them off", () => {
    const s = stack();
    harden(s);
    expect(workspaceHardening(asks({ ipAccessLists: true }))(awsWorkspace(s))?.map((f) => f.message)).toStrictEqual([
      'set enableIpAccessLists to "true" in the workspace_conf custom_config',
    ]);
  });

  it("fails if the spec asks for the compliance security profile and the AWS workspace has no enabled profile setting", () => {
    const s = stack();
    harden(s);
    new ComplianceSecurityProfileWorkspaceSetting(s, "off", { provider: s.node.findChild("workspace") as DatabricksProvider, complianceSecurityProfileWorkspace: { isEnabled: false, complianceStandards: [] } });
    expect(workspaceHardening(asks({ complianceSecurityProfile: true }))(awsWorkspace(s))?.map((f) => f.message)).toStrictEqual([
      "add a databricks_compliance_security_profile_workspace_setting with is_enabled = true: the spec asks for the compliance security profile",
    ]);
  });

  it("fails if the spec asks for the compliance security profile and the Azure workspace's enhanced_security_compliance leaves it off", () => {
    for (const enabled of [undefined, false]) {
      const s = stack();
      harden(s, {}, false);
      expect(workspaceHardening(asks({ complianceSecurityProfile: true }))(azureWorkspace(s, enabled))?.map((f) => f.message)).toStrictEqual([
        "set enhancedSecurityCompliance.complianceSecurityProfileEnabled on the workspace: the spec asks for the compliance security profile",
      ]);
    }
  });
});

describe("workspaceRequirements of the example", () => {
  it("asks for CMKs in AWS prod only, and for the compliance profile and IP access lists in prod on both clouds", () => {
    const req = workspaceRequirements(platform);
    expect(Object.keys(req).sort()).toStrictEqual(["aws-dev", "aws-prod", "aws-staging", "azure-dev", "azure-prod", "azure-staging"]);
    expect(Object.entries(req).filter(([, r]) => r.customerManagedKeys).map(([name]) => name)).toStrictEqual(["aws-prod"]);
    for (const cloud of ["aws", "azure"]) {
      expect(req[`${cloud}-prod`]).toMatchObject({ complianceSecurityProfile: true, ipAccessLists: true, allowResultsDownload: false, allowNotebookExport: false });
      expect(req[`${cloud}-dev`]).toMatchObject({ complianceSecurityProfile: false, allowResultsDownload: true, allowNotebookExport: true, maxTokenLifetimeDays: 30 });
    }
  });
});
