import { WorkspaceNetwork } from "../../constructs/azure/workspace-network";
import { address, only, resources, synthStack } from "./synth";

describe("WorkspaceNetwork", () => {
  const out = synthStack(
    (s) =>
      new WorkspaceNetwork(s, "network", {
        resourceGroupName: "rg",
        location: "westeurope",
        name: "rtl-dev-vnet",
        vnetCidr: "10.110.0.0/16",
        hostSubnetCidr: "10.110.0.0/22",
        containerSubnetCidr: "10.110.4.0/22",
        tags: { owner: "data" },
      }),
  );
  const subnets = Object.fromEntries(Object.values(resources(out, "azurerm_subnet")).map((s) => [s.name, s]));
  const vnet = address(out, "azurerm_virtual_network", "vnet");

  it("creates the VNet from the spec's CIDR", () => {
    expect(only(out, "azurerm_virtual_network")).toMatchObject({ name: "rtl-dev-vnet", address_space: ["10.110.0.0/16"], tags: { owner: "data" } });
  });

  it("delegates the host and container subnets to Databricks, with the storage service endpoint", () => {
    const expected = (name: string, cidr: string) => ({
      name,
      resource_group_name: "rg",
      virtual_network_name: `\${${vnet}.name}`,
      address_prefixes: [cidr],
      service_endpoints: ["Microsoft.Storage"],
      delegation: [
        {
          name: "databricks",
          service_delegation: {
            name: "Microsoft.Databricks/workspaces",
            actions: [
              "Microsoft.Network/virtualNetworks/subnets/join/action",
              "Microsoft.Network/virtualNetworks/subnets/prepareNetworkPolicies/action",
              "Microsoft.Network/virtualNetworks/subnets/unprepareNetworkPolicies/action",
            ],
          },
        },
      ],
    });
    expect(subnets).toStrictEqual({
      "rtl-dev-vnet-host": expected("rtl-dev-vnet-host", "10.110.0.0/22"),
      "rtl-dev-vnet-container": expected("rtl-dev-vnet-container", "10.110.4.0/22"),
    });
  });

  it("associates both subnets with the one NSG", () => {
    const nsg = `\${${address(out, "azurerm_network_security_group", "nsg")}.id}`;
    const associations = Object.values(resources(out, "azurerm_subnet_network_security_group_association"));
    expect(associations.map((a) => a.network_security_group_id)).toStrictEqual([nsg, nsg]);
    expect(associations.map((a) => a.subnet_id).sort()).toStrictEqual(
      [`\${${address(out, "azurerm_subnet", "network_container")}.id}`, `\${${address(out, "azurerm_subnet", "network_host")}.id}`].sort(),
    );
  });
});
