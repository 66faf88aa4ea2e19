import { PrivateDnsZone } from "@cdktf/provider-azurerm/lib/private-dns-zone";
import { PrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { TerraformStack, Testing } from "cdktf";
import { AzureFoundation } from "../../constructs/azure/azure-foundation";
import type { AzureEnvironment } from "../../spec";
import { azureEnv, platform } from "../fixtures/platform";
import { address, resources, type Synthesized } from "./synth";

/** The foundation of an environment, as the JSON string the cdktf matchers take and parsed. */
function synthFoundation(environment: AzureEnvironment): { json: string; out: Synthesized } {
  const stack = new TerraformStack(Testing.app(), "test");
  new AzureFoundation(stack, "azure", { platform, environment });
  const json = Testing.synth(stack);
  return { json, out: JSON.parse(json) };
}

const PRIVATE_LINK_TYPES = ["azurerm_private_endpoint", "azurerm_private_dns_zone", "azurerm_private_dns_zone_virtual_network_link"];

describe("workspace Private Link", () => {
  describe("with a private endpoint subnet (azure prod, no public network access)", () => {
    const prod = azureEnv("prod");
    const { json, out } = synthFoundation(prod);
    const ref = (type: string, idPart: string, attr: string) => `\${${address(out, type, idPart)}.${attr}}`;
    const tags = { ...platform.tags, environment: "prod" };
    const workspace = ref("azurerm_databricks_workspace", "workspace", "id");
    const vnet = ref("azurerm_virtual_network", "vnet", "id");
    const subnet = ref("azurerm_subnet", "private-link", "id");
    const zone = ref("azurerm_private_dns_zone", "private-link", "id");

    it("is what the example's prod environment asks for", () => {
      expect(prod.azure.publicNetworkAccess).toBe(false);
      expect(prod.azure.network.privateEndpointSubnetCidr).toBe("10.130.8.0/24");
    });

    it("carves a subnet for the endpoints out of the workspace VNet, undelegated and without endpoint network policies", () => {
      expect(Object.values(resources(out, "azurerm_subnet")).find((s) => s.name === "rtl-prod-vnet-private-link")).toStrictEqual({
        name: "rtl-prod-vnet-private-link",
        resource_group_name: ref("azurerm_resource_group", "resource-group", "name"),
        virtual_network_name: `\${${address(out, "azurerm_virtual_network", "vnet")}.name}`,
        address_prefixes: ["10.130.8.0/24"],
        private_endpoint_network_policies: "Disabled",
      });
    });

    it("connects a databricks_ui_api endpoint (front end and back end) to the workspace, registered in the private DNS zone", () => {
      expect(json).toHaveResourceWithProperties(PrivateEndpoint, {
        name: "rtl-prod-workspace-ui-api",
        location: "westeurope",
        subnet_id: subnet,
        private_service_connection: {
          name: "rtl-prod-workspace-ui-api",
          private_connection_resource_id: workspace,
          subresource_names: ["databricks_ui_api"],
          is_manual_connection: false,
        },
        private_dns_zone_group: { name: "rtl-prod-workspace-ui-api", private_dns_zone_ids: [zone] },
        tags,
      });
    });

    it("connects a browser_authentication endpoint for SSO, after the UI/API one since the workspace refuses concurrent connections", () => {
      expect(json).toHaveResourceWithProperties(PrivateEndpoint, {
        name: "rtl-prod-workspace-browser-auth",
        subnet_id: subnet,
        private_service_connection: {
          name: "rtl-prod-workspace-browser-auth",
          private_connection_resource_id: workspace,
          subresource_names: ["browser_authentication"],
          is_manual_connection: false,
        },
        private_dns_zone_group: { name: "rtl-prod-workspace-browser-auth", private_dns_zone_ids: [zone] },
        depends_on: [address(out, "azurerm_private_endpoint", "ui-api")],
        tags,
      });
    });

    it("has exactly those two endpoints", () => {
      const endpoints = Object.values(resources(out, "azurerm_private_endpoint")) as Array<{ private_service_connection: { subresource_names: string[] } }>;
      expect(endpoints.map((e) => e.private_service_connection.subresource_names).sort()).toStrictEqual([["browser_authentication"], ["databricks_ui_api"]]);
    });

    it("creates the privatelink.azuredatabricks.net zone and links it to the workspace VNet", () => {
      expect(json).toHaveResourceWithProperties(PrivateDnsZone, {
        name: "privatelink.azuredatabricks.net",
        resource_group_name: ref("azurerm_resource_group", "resource-group", "name"),
        tags,
      });
      expect(Object.values(resources(out, "azurerm_private_dns_zone_virtual_network_link"))).toStrictEqual([
        {
          name: "rtl-prod-workspace-dns",
          resource_group_name: ref("azurerm_resource_group", "resource-group", "name"),
          private_dns_zone_name: ref("azurerm_private_dns_zone", "private-link", "name"),
          virtual_network_id: vnet,
          tags,
        },
      ]);
    });
  });

  describe("without a private endpoint subnet (azure dev, public network access)", () => {
    const dev = azureEnv("dev");
    const { json, out } = synthFoundation(dev);

    it("creates no endpoint subnet, endpoints or DNS zone", () => {
      expect(dev.azure.network.privateEndpointSubnetCidr).toBeUndefined();
      for (const type of PRIVATE_LINK_TYPES) expect(resources(out, type)).toStrictEqual({});
      expect(Object.values(resources(out, "azurerm_subnet")).map((s) => s.name).sort()).toStrictEqual(["rtl-dev-vnet-container", "rtl-dev-vnet-host"]);
      expect(json).not.toHaveResourceWithProperties(Subnet, { name: "rtl-dev-vnet-private-link" });
    });
  });
});
