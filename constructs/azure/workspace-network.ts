import { NetworkSecurityGroup } from "@cdktf/provider-azurerm/lib/network-security-group";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { SubnetNetworkSecurityGroupAssociation } from "@cdktf/provider-azurerm/lib/subnet-network-security-group-association";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { Construct } from "constructs";
import { type AzurePlacement, placed } from "./placement";

export interface WorkspaceNetworkProps extends AzurePlacement {
  /** Name of the VNet; the subnets and the NSG are named after it. */
  readonly name: string;
  readonly vnetCidr: string;
  /** The "public"/host subnet: cluster hosts. */
  readonly hostSubnetCidr: string;
  /** The "private"/container subnet: cluster containers. */
  readonly containerSubnetCidr: string;
  /**
   * A subnet for private endpoints (the workspace's and the lake's), with a network security group of its own.
   * @default no such subnet
   */
  readonly privateEndpointSubnet?: PrivateEndpointSubnetSpec;
}

/** The undelegated subnet private endpoints go in. */
export interface PrivateEndpointSubnetSpec {
  readonly name: string;
  /** Inside the VNet and apart from the host and container subnets. */
  readonly cidr: string;
  /** Name of the subnet's network security group. */
  readonly nsgName: string;
}

/** What VNet injection needs: a subnet and its NSG association. */
export interface InjectedSubnet {
  readonly name: string;
  readonly id: string;
  readonly nsgAssociationId: string;
}

/** Databricks adds and owns the NSG rules it needs; the workspace joins these subnets through the delegation. */
const DATABRICKS_DELEGATION = {
  name: "databricks",
  serviceDelegation: {
    name: "Microsoft.Databricks/workspaces",
    actions: [
      "Microsoft.Network/virtualNetworks/subnets/join/action",
      "Microsoft.Network/virtualNetworks/subnets/prepareNetworkPolicies/action",
      "Microsoft.Network/virtualNetworks/subnets/unprepareNetworkPolicies/action",
    ],
  },
};

/**
 * The VNet a workspace is injected into: host and container subnets delegated to Databricks and
 * sharing one NSG. Both subnets get the Microsoft.Storage service endpoint so that classic compute
 * reaches the lake through its firewall (which admits these subnets and nothing else public).
 * Optionally a third subnet for private endpoints, with an NSG of its own: the delegated subnets'
 * NSG carries the rules Databricks manages for cluster traffic, which are not the endpoints' concern.
 */
export class WorkspaceNetwork extends Construct {
  readonly vnetId: string;
  readonly host: InjectedSubnet;
  readonly container: InjectedSubnet;
  /** The private endpoint subnet, when the props ask for one. */
  readonly privateEndpointSubnetId?: string;

  constructor(scope: Construct, id: string, props: WorkspaceNetworkProps) {
    super(scope, id);
    const placement = placed(props);
    const vnet = new VirtualNetwork(this, "vnet", { ...placement, name: props.name, addressSpace: [props.vnetCidr] });
    const nsg = new NetworkSecurityGroup(this, "nsg", { ...placement, name: `${props.name}-nsg` });
    this.vnetId = vnet.id;

    const subnet = (role: "host" | "container", cidr: string): InjectedSubnet => {
      const s = new Subnet(this, role, {
        name: `${props.name}-${role}`,
        resourceGroupName: props.resourceGroupName,
        virtualNetworkName: vnet.name,
        addressPrefixes: [cidr],
        serviceEndpoints: ["Microsoft.Storage"],
        delegation: [DATABRICKS_DELEGATION],
      });
      const association = new SubnetNetworkSecurityGroupAssociation(this, `${role}-nsg`, { subnetId: s.id, networkSecurityGroupId: nsg.id });
      return { name: s.name, id: s.id, nsgAssociationId: association.id };
    };
    this.host = subnet("host", props.hostSubnetCidr);
    this.container = subnet("container", props.containerSubnetCidr);

    const endpoints = props.privateEndpointSubnet;
    if (endpoints) {
      const s = new Subnet(this, "private-link", {
        name: endpoints.name,
        resourceGroupName: props.resourceGroupName,
        virtualNetworkName: vnet.name,
        addressPrefixes: [endpoints.cidr],
        // Private endpoints ignore a subnet's NSG unless its network policies say otherwise; route
        // tables stay out of it (the VNet has none).
        privateEndpointNetworkPolicies: "NetworkSecurityGroupEnabled",
      });
      // Azure's default rules: in from the VNet (and networks peered or connected to it), nothing from the internet.
      const endpointNsg = new NetworkSecurityGroup(this, "private-link-nsg", { ...placement, name: endpoints.nsgName });
      new SubnetNetworkSecurityGroupAssociation(this, "private-link-nsg-association", { subnetId: s.id, networkSecurityGroupId: endpointNsg.id });
      this.privateEndpointSubnetId = s.id;
    }
  }
}
