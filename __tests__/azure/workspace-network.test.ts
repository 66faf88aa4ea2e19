import { WorkspaceNetwork, type WorkspaceNetworkProps } from "../../constructs/azure/workspace-network";
import { address, only, resources, synthStack } from "./synth";

const props: WorkspaceNetworkProps = {
  resourceGroupName: "rg",
  location: "westeurope",
  name: "rtl-dev-vnet",
  vnetCidr: "10.110.0.0/16",
  hostSubnetCidr: "10.110.0.0/22",
  containerSubnetCidr: "10.110.4.0/22",
  tags: { owner: "data" },
};

describe("WorkspaceNetwork", () => {
  let network!: WorkspaceNetwork;
  const out = synthStack((s) => {
    network = new WorkspaceNetwork(s, "network", props);
  });
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

  it("has no private endpoint subnet unless asked for one", () => {
    expect(Object.keys(subnets).sort()).toStrictEqual(["rtl-dev-vnet-container", "rtl-dev-vnet-host"]);
    expect(network.privateEndpointSubnetId).toBeUndefined();
  });

  describe("with a private endpoint subnet", () => {
    let withEndpoints!: WorkspaceNetwork;
    const pe = synthStack((s) => {
      withEndpoints = new WorkspaceNetwork(s, "network", {
        ...props,
        privateEndpointSubnet: { name: "rtl-dev-vnet-private-link", cidr: "10.110.8.0/24", nsgName: "rtl-dev-vnet-private-link-nsg" },
      });
    });
    const subnet = `\${${address(pe, "azurerm_subnet", "network_private-link")}.id}`;
    const nsg = `\${${address(pe, "azurerm_network_security_group", "private-link-nsg")}.id}`;

    it("adds an undelegated subnet, with no service endpoints, whose private endpoints NSGs apply to", () => {
      expect(Object.values(resources(pe, "azurerm_subnet")).find((s) => s.name === "rtl-dev-vnet-private-link")).toStrictEqual({
        name: "rtl-dev-vnet-private-link",
        resource_group_name: "rg",
        virtual_network_name: `\${${address(pe, "azurerm_virtual_network", "vnet")}.name}`,
        address_prefixes: ["10.110.8.0/24"],
        private_endpoint_network_policies: "NetworkSecurityGroupEnabled",
      });
      expect(withEndpoints.privateEndpointSubnetId).toBeDefined();
    });

    it("associates it with an NSG of its own, not the Databricks-managed one", () => {
      const nsgs = Object.values(resources(pe, "azurerm_network_security_group")).map((n) => n.name);
      expect(nsgs.sort()).toStrictEqual(["rtl-dev-vnet-nsg", "rtl-dev-vnet-private-link-nsg"]);
      const associations = Object.values(resources(pe, "azurerm_subnet_network_security_group_association"));
      expect(associations.filter((a) => a.subnet_id === subnet)).toStrictEqual([{ subnet_id: subnet, network_security_group_id: nsg }]);
      expect(associations.filter((a) => a.network_security_group_id === nsg)).toHaveLength(1);
    });
  });
});
