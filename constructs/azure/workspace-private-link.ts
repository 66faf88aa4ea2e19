import type { PrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
import { Construct } from "constructs";
import { AZURE_DATABRICKS_PRIVATE_DNS_ZONE } from "../../naming";
import { type AzurePlacement, placed } from "./placement";
import { linkedPrivateDnsZone, servicePrivateEndpoint } from "./private-endpoint";

export interface WorkspacePrivateLinkProps extends AzurePlacement {
  /** Name the private endpoints and the DNS zone's VNet link are named after: `${name}-ui-api`, `${name}-browser-auth`, `${name}-dns`. */
  readonly name: string;
  /** ARM id of the workspace the endpoints connect to. */
  readonly workspaceId: string;
  /** The workspace's VNet: the DNS zone is linked to it. */
  readonly vnetId: string;
  /** The VNet's private endpoint subnet (WorkspaceNetwork.privateEndpointSubnetId). */
  readonly subnetId: string;
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
    const zone = linkedPrivateDnsZone(this, "dns", {
      zoneName: AZURE_DATABRICKS_PRIVATE_DNS_ZONE,
      linkName: `${props.name}-dns`,
      resourceGroupName: props.resourceGroupName,
      vnetId: props.vnetId,
      tags: props.tags,
    });
    const endpoint = (purpose: "ui-api" | "browser-auth", subresource: string, after?: PrivateEndpoint) =>
      servicePrivateEndpoint(this, purpose, {
        name: `${props.name}-${purpose}`,
        ...placed(props),
        subnetId: props.subnetId,
        resourceId: props.workspaceId,
        subresource,
        dnsZoneId: zone.id,
        dependsOn: after && [after],
      });
    const uiApi = endpoint("ui-api", "databricks_ui_api");
    // Databricks wants one browser_authentication endpoint per region and private DNS zone: this
    // environment's zone is its own, so it gets one. Environments sharing a region and a DNS zone
    // must keep only one between them (the SSO callback records would otherwise collide).
    // Created after the UI/API endpoint: the workspace rejects concurrent endpoint connections
    // (hashicorp/terraform-provider-azurerm#26373).
    endpoint("browser-auth", "browser_authentication", uiApi);
  }
}
