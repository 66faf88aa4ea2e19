import { AzureDatabricksWorkspace, type AzureDatabricksWorkspaceProps } from "../../constructs/azure/databricks-workspace";
import { only, synthStack } from "./synth";

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
const workspace = (p: Partial<AzureDatabricksWorkspaceProps> = {}) =>
  only(synthStack((s) => new AzureDatabricksWorkspace(s, "ws", { ...props, ...p })), "azurerm_databricks_workspace");

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

  it("encrypts managed services with the customer-managed key when one is given", () => {
    expect(workspace().managed_services_cmk_key_vault_key_id).toBeUndefined();
    expect(workspace({ managedServicesKeyId: "key-id" }).managed_services_cmk_key_vault_key_id).toBe("key-id");
  });
});
