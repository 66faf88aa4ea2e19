import { PrivateDnsZone } from "@cdktf/provider-azurerm/lib/private-dns-zone";
import { PrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { TerraformStack, Testing } from "cdktf";
import { AzureFoundation } from "../../constructs/azure/azure-foundation";
import type { AzureEnvironment } from "../../platform";
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

type Endpoint = { name: string; subnet_id: string; private_service_connection: { subresource_names: string[] } };

describe("Private Link for the workspace and the lake", () => {
  describe("with a private endpoint subnet (azure prod, no public network access)", () => {
    const prod = azureEnv("prod");
    const { json, out } = synthFoundation(prod);
    const ref = (type: string, idPart: string, attr: string) => `\${${address(out, type, idPart)}.${attr}}`;
    const tags = { ...platform.tags, environment: "prod" };
    const workspace = ref("azurerm_databricks_workspace", "workspace", "id");
    const vnet = ref("azurerm_virtual_network", "vnet", "id");
    const subnet = ref("azurerm_subnet", "private-link", "id");
    const zone = ref("azurerm_private_dns_zone", "private-link", "id");
    const lakeAccount = ref("azurerm_storage_account", "lake_account", "id");

    it("is what the example's prod environment asks for", () => {
      expect(prod.azure.publicNetworkAccess).toBe(false);
      expect(prod.azure.network.privateEndpointSubnetCidr).toBe("10.130.8.0/24");
    });

    it("carves an undelegated subnet for the endpoints out of the workspace VNet, with NSGs applying to the endpoints", () => {
      expect(Object.values(resources(out, "azurerm_subnet")).find((s) => s.name === "rtl-prod-vnet-private-link")).toStrictEqual({
        name: "rtl-prod-vnet-private-link",
        resource_group_name: ref("azurerm_resource_group", "resource-group", "name"),
        virtual_network_name: `\${${address(out, "azurerm_virtual_network", "vnet")}.name}`,
        address_prefixes: ["10.130.8.0/24"],
        private_endpoint_network_policies: "NetworkSecurityGroupEnabled",
      });
    });

    it("gives the endpoint subnet a network security group of its own, apart from the Databricks-managed one", () => {
      const nsg = Object.entries(resources(out, "azurerm_network_security_group")).find(([, n]) => n.name === "rtl-prod-vnet-private-link-nsg");
      expect(nsg?.[1]).toStrictEqual({ name: "rtl-prod-vnet-private-link-nsg", resource_group_name: ref("azurerm_resource_group", "resource-group", "name"), location: "westeurope", tags });
      const association = Object.values(resources(out, "azurerm_subnet_network_security_group_association")).filter((a) => a.subnet_id === subnet);
      expect(association).toStrictEqual([{ subnet_id: subnet, network_security_group_id: `\${azurerm_network_security_group.${nsg?.[0]}.id}` }]);
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

    it("connects dfs and blob endpoints to the lake account, each registered in its privatelink storage zone", () => {
      for (const sub of ["dfs", "blob"]) {
        const subZone = ref("azurerm_private_dns_zone", `lake_${sub}-dns`, "id");
        expect(json).toHaveResourceWithProperties(PrivateEndpoint, {
          name: `rtl-prod-lake-${sub}`,
          location: "westeurope",
          subnet_id: subnet,
          private_service_connection: {
            name: `rtl-prod-lake-${sub}`,
            private_connection_resource_id: lakeAccount,
            subresource_names: [sub],
            is_manual_connection: false,
          },
          private_dns_zone_group: { name: `rtl-prod-lake-${sub}`, private_dns_zone_ids: [subZone] },
          tags,
        });
      }
    });

    it("has exactly those four endpoints, all in the endpoint subnet", () => {
      const endpoints = Object.values(resources(out, "azurerm_private_endpoint")) as Endpoint[];
      expect(endpoints.map((e) => e.private_service_connection.subresource_names[0]).sort()).toStrictEqual(["blob", "browser_authentication", "databricks_ui_api", "dfs"]);
      expect(new Set(endpoints.map((e) => e.subnet_id))).toStrictEqual(new Set([subnet]));
    });

    it("closes the lake's public endpoint, so the data is reachable through the private endpoints only", () => {
      const account = Object.values(resources(out, "azurerm_storage_account"))[0];
      expect(account.public_network_access_enabled).toBe(false);
    });

    it("creates the Databricks and storage privatelink zones and links each to the workspace VNet", () => {
      const group = ref("azurerm_resource_group", "resource-group", "name");
      const zones = {
        "privatelink.azuredatabricks.net": { id: "private-link_dns", link: "rtl-prod-workspace-dns" },
        "privatelink.dfs.core.windows.net": { id: "lake_dfs-dns", link: "rtl-prod-lake-dfs-dns" },
        "privatelink.blob.core.windows.net": { id: "lake_blob-dns", link: "rtl-prod-lake-blob-dns" },
      };
      for (const name of Object.keys(zones)) expect(json).toHaveResourceWithProperties(PrivateDnsZone, { name, resource_group_name: group, tags });
      expect(Object.values(resources(out, "azurerm_private_dns_zone"))).toHaveLength(3);
      const links = Object.values(resources(out, "azurerm_private_dns_zone_virtual_network_link"));
      expect(links).toHaveLength(3);
      for (const { id, link } of Object.values(zones)) {
        expect(links).toContainEqual({
          name: link,
          resource_group_name: group,
          private_dns_zone_name: ref("azurerm_private_dns_zone", id, "name"),
          virtual_network_id: vnet,
          tags,
        });
      }
    });
  });

  describe("without a private endpoint subnet (azure dev, public network access)", () => {
    const dev = azureEnv("dev");
    const { json, out } = synthFoundation(dev);

    it("creates no endpoint subnet or NSG, endpoints or DNS zones", () => {
      expect(dev.azure.network.privateEndpointSubnetCidr).toBeUndefined();
      for (const type of PRIVATE_LINK_TYPES) expect(resources(out, type)).toStrictEqual({});
      expect(Object.values(resources(out, "azurerm_subnet")).map((s) => s.name).sort()).toStrictEqual(["rtl-dev-vnet-container", "rtl-dev-vnet-host"]);
      expect(json).not.toHaveResourceWithProperties(Subnet, { name: "rtl-dev-vnet-private-link" });
      expect(Object.values(resources(out, "azurerm_network_security_group")).map((n) => n.name)).toStrictEqual(["rtl-dev-vnet-nsg"]);
    });

    it("keeps the lake's public endpoint open behind its firewall, as the spec says", () => {
      expect(dev.azure.publicNetworkAccess).toBe(true);
      expect(Object.values(resources(out, "azurerm_storage_account"))[0]).toMatchObject({
        public_network_access_enabled: true,
        network_rules: { default_action: "Deny" },
      });
    });
  });
});
