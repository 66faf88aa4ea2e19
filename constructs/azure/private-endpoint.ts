import { PrivateDnsZone } from "@cdktf/provider-azurerm/lib/private-dns-zone";
import { PrivateDnsZoneVirtualNetworkLink } from "@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link";
import { PrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
import type { ITerraformDependable } from "cdktf";
import type { Construct } from "constructs";
import { type AzurePlacement, placed } from "./placement";

export interface LinkedPrivateDnsZoneProps {
  readonly resourceGroupName: string;
  readonly tags: Record<string, string>;
  /** The zone a service's Private Link names resolve in, e.g. privatelink.dfs.core.windows.net. */
  readonly zoneName: string;
  /** Name of the zone's link to the VNet. */
  readonly linkName: string;
  /** The VNet whose resolver answers from the zone. */
  readonly vnetId: string;
}

/**
 * A private DNS zone linked to a VNet: there, the service's public name resolves (through its
 * privatelink CNAME) to the private endpoint's address. Creates `${id}-zone` and `${id}-vnet-link` in `scope`.
 */
export function linkedPrivateDnsZone(scope: Construct, id: string, props: LinkedPrivateDnsZoneProps): PrivateDnsZone {
  const zone = new PrivateDnsZone(scope, `${id}-zone`, { name: props.zoneName, resourceGroupName: props.resourceGroupName, tags: props.tags });
  new PrivateDnsZoneVirtualNetworkLink(scope, `${id}-vnet-link`, {
    name: props.linkName,
    resourceGroupName: props.resourceGroupName,
    privateDnsZoneName: zone.name,
    virtualNetworkId: props.vnetId,
    tags: props.tags,
  });
  return zone;
}

export interface ServicePrivateEndpointProps extends AzurePlacement {
  /** Name of the endpoint, of its connection and of its DNS zone group. */
  readonly name: string;
  /** The subnet the endpoint's network interface goes in. */
  readonly subnetId: string;
  /** ARM id of the resource the endpoint connects to. */
  readonly resourceId: string;
  /** The sub-resource (group id) of that resource the endpoint serves, e.g. "dfs". */
  readonly subresource: string;
  /** The private DNS zone the endpoint registers its address in. */
  readonly dnsZoneId: string;
  /**
   * What must exist before the endpoint is created.
   * @default nothing
   */
  readonly dependsOn?: ITerraformDependable[];
}

/** An auto-approved private endpoint to one sub-resource of a resource, registered in a private DNS zone. */
export function servicePrivateEndpoint(scope: Construct, id: string, props: ServicePrivateEndpointProps): PrivateEndpoint {
  return new PrivateEndpoint(scope, id, {
    name: props.name,
    ...placed(props),
    subnetId: props.subnetId,
    privateServiceConnection: {
      name: props.name,
      privateConnectionResourceId: props.resourceId,
      subresourceNames: [props.subresource],
      isManualConnection: false,
    },
    privateDnsZoneGroup: { name: props.name, privateDnsZoneIds: [props.dnsZoneId] },
    dependsOn: props.dependsOn,
  });
}
