import { PrivateDnsZone } from "@cdktf/provider-azurerm/lib/private-dns-zone";
import { PrivateDnsZoneVirtualNetworkLink } from "@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link";
import { PrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { Construct } from "constructs";
import { AZURE_DATABRICKS_PRIVATE_DNS_ZONE } from "../../naming";
import { type AzurePlacement, placed } from "./placement";

export interface WorkspacePrivateLinkProps extends AzurePlacement {
  /** Name the private endpoints and the DNS zone's VNet link are named after: `${name}-ui-api`, `${name}-browser-auth`, `${name}-dns`. */
  readonly name: string;
  /** ARM id of the workspace the endpoints connect to. */
  readonly workspaceId: string;
  /** The workspace's VNet: the endpoints' subnet is carved from it and the DNS zone is linked to it. */
  readonly vnetId: string;
  readonly vnetName: string;
  /** Name of the subnet holding the private endpoints. */
  readonly subnetName: string;
  /** Address range of that subnet, inside the VNet and apart from the host and container subnets. */
  readonly subnetCidr: string;
}

/**
 * Private Link into a workspace whose front end is closed to the internet, in the simplified layout:
 * one `databricks_ui_api` endpoint in the workspace VNet carries both users' UI/API traffic and the
 * clusters' control-plane traffic, and a `browser_authentication` endpoint takes the Entra ID
 * single sign-on callbacks. Both register in a private `privatelink.azuredatabricks.net` zone
 * linked to the VNet, so the workspace URL resolves to the endpoints' private addresses there.
 */
export class WorkspacePrivateLink extends Construct {
  constructor(scope: Construct, id: string, props: WorkspacePrivateLinkProps) {
    super(scope, id);
    const subnet = new Subnet(this, "subnet", {
      name: props.subnetName,
      resourceGroupName: props.resourceGroupName,
      virtualNetworkName: props.vnetName,
      addressPrefixes: [props.subnetCidr],
      // NSGs and route tables do not apply to the endpoints; set explicitly since the provider's default has changed across versions.
      privateEndpointNetworkPolicies: "Disabled",
    });
    const zone = new PrivateDnsZone(this, "dns-zone", {
      name: AZURE_DATABRICKS_PRIVATE_DNS_ZONE,
      resourceGroupName: props.resourceGroupName,
      tags: props.tags,
    });
    new PrivateDnsZoneVirtualNetworkLink(this, "dns-vnet-link", {
      name: `${props.name}-dns`,
      resourceGroupName: props.resourceGroupName,
      privateDnsZoneName: zone.name,
      virtualNetworkId: props.vnetId,
      tags: props.tags,
    });

    const endpoint = (purpose: "ui-api" | "browser-auth", subresource: string, after?: PrivateEndpoint) => {
      const name = `${props.name}-${purpose}`;
      return new PrivateEndpoint(this, purpose, {
        name,
        ...placed(props),
        subnetId: subnet.id,
        privateServiceConnection: {
          name,
          privateConnectionResourceId: props.workspaceId,
          subresourceNames: [subresource],
          isManualConnection: false,
        },
        privateDnsZoneGroup: { name, privateDnsZoneIds: [zone.id] },
        dependsOn: after && [after],
      });
    };
    const uiApi = endpoint("ui-api", "databricks_ui_api");
    // Databricks wants one browser_authentication endpoint per region and private DNS zone: this
    // environment's zone is its own, so it gets one. Environments sharing a region and a DNS zone
    // must keep only one between them (the SSO callback records would otherwise collide).
    // Created after the UI/API endpoint: the workspace rejects concurrent endpoint connections
    // (hashicorp/terraform-provider-azurerm#26373).
    endpoint("browser-auth", "browser_authentication", uiApi);
  }
}
