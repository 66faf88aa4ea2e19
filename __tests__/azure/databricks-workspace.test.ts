import { AzureDatabricksWorkspace, type AzureDatabricksWorkspaceProps } from "../../constructs/azure/databricks-workspace";
import { address, only, resources, synthStack } from "./synth";

const props: AzureDatabricksWorkspaceProps = {
  name: "rtl-dev-workspace",
  resourceGroupName: "rg",
  location: "westeurope",
  managedResourceGroupName: "rtl-dev-databricks-managed",
  vnetId: "vnet-id",
  hostSubnet: { name: "host", id: "host-id", nsgAssociationId: "host-assoc" },
  containerSubnet: { name: "container", id: "container-id", nsgAssociationId: "container-assoc" },
  publicNetworkAccess: true,
  tags: { owner: "data" },
};
const synth = (p: Partial<AzureDatabricksWorkspaceProps> = {}) => synthStack((s) => new AzureDatabricksWorkspace(s, "ws", { ...props, ...p }));
const workspace = (p: Partial<AzureDatabricksWorkspaceProps> = {}) => only(synth(p), "azurerm_databricks_workspace");
const encryptionKey = {
  keyId: "https://rtl-kv.vault.azure.net/keys/lake/0123456789abcdef",
  keyResourceId: "/subscriptions/s/resourceGroups/kv/providers/Microsoft.KeyVault/vaults/rtl-kv/keys/lake",
};

describe("AzureDatabricksWorkspace", () => {
  it("is premium, VNet-injected into the host (public) and container (private) subnets, with no public IPs", () => {
    const ws = workspace();
    expect(ws).toMatchObject({ sku: "premium", managed_resource_group_name: "rtl-dev-databricks-managed", tags: { owner: "data" } });
    expect(ws.custom_parameters).toStrictEqual({
      no_public_ip: true,
      virtual_network_id: "vnet-id",
      public_subnet_name: "host",
      private_subnet_name: "container",
      public_subnet_network_security_group_association_id: "host-assoc",
      private_subnet_network_security_group_association_id: "container-assoc",
    });
  });

  it("keeps the front end public with all NSG rules when the spec allows public access", () => {
    expect(workspace()).toMatchObject({ public_network_access_enabled: true, network_security_group_rules_required: "AllRules" });
  });

  it("closes the front end and leaves control-plane traffic to Private Link when the spec disallows public access", () => {
    expect(workspace({ publicNetworkAccess: false })).toMatchObject({
      public_network_access_enabled: false,
      network_security_group_rules_required: "NoAzureDatabricksRules",
    });
  });

  it("uses Microsoft-managed keys for managed services and the DBFS root without a key", () => {
    const out = synth();
    const ws = only(out, "azurerm_databricks_workspace");
    expect(ws.managed_services_cmk_key_vault_key_id).toBeUndefined();
    expect(ws.customer_managed_key_enabled).toBeUndefined();
    expect(resources(out, "azurerm_databricks_workspace_root_dbfs_customer_managed_key")).toStrictEqual({});
    expect(resources(out, "azurerm_role_assignment")).toStrictEqual({});
  });

  describe("with a customer-managed key", () => {
    const out = synth({ encryptionKey });
    const ws = only(out, "azurerm_databricks_workspace");
    const wsAddress = address(out, "azurerm_databricks_workspace", "ws_workspace");

    it("encrypts managed services with the key and prepares the DBFS root storage for it", () => {
      expect(ws.managed_services_cmk_key_vault_key_id).toBe(encryptionKey.keyId);
      expect(ws.customer_managed_key_enabled).toBe(true);
    });

    it("lets the root storage account's identity wrap and unwrap with the key", () => {
      expect(only(out, "azurerm_role_assignment")).toStrictEqual({
        scope: encryptionKey.keyResourceId,
        role_definition_name: "Key Vault Crypto Service Encryption User",
        principal_id: `\${${wsAddress}.storage_account_identity[0].principal_id}`,
        principal_type: "ServicePrincipal",
      });
    });

    it("encrypts the DBFS root with the key once that grant has propagated", () => {
      expect(only(out, "time_sleep")).toMatchObject({ create_duration: "60s", depends_on: [address(out, "azurerm_role_assignment", "dbfs-key-user")] });
      expect(only(out, "azurerm_databricks_workspace_root_dbfs_customer_managed_key")).toStrictEqual({
        workspace_id: `\${${wsAddress}.id}`,
        key_vault_key_id: encryptionKey.keyId,
        depends_on: [address(out, "time_sleep", "dbfs-key-propagation")],
      });
    });
  });

  describe("compliance security profile and enhanced security monitoring (on Azure, the workspace's enhanced_security_compliance)", () => {
    it("turns the profile with its standards, monitoring and automatic cluster updates on when the spec asks for the profile", () => {
      expect(workspace({ complianceSecurityProfile: { standards: ["PCI_DSS"] } }).enhanced_security_compliance).toStrictEqual({
        compliance_security_profile_enabled: true,
        compliance_security_profile_standards: ["PCI_DSS"],
        enhanced_security_monitoring_enabled: true,
        automatic_cluster_update_enabled: true,
      });
    });

    it("turns monitoring alone on when the spec asks for it without the profile", () => {
      expect(workspace({ enhancedSecurityMonitoring: true }).enhanced_security_compliance).toStrictEqual({
        compliance_security_profile_enabled: false,
        enhanced_security_monitoring_enabled: true,
        automatic_cluster_update_enabled: false,
      });
    });

    it("leaves the block out when the spec asks for neither", () => {
      expect(workspace().enhanced_security_compliance).toBeUndefined();
    });
  });
});
