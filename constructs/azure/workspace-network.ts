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
 */
export class WorkspaceNetwork extends Construct {
  readonly vnetId: string;
  readonly vnetName: string;
  readonly host: InjectedSubnet;
  readonly container: InjectedSubnet;

  constructor(scope: Construct, id: string, props: WorkspaceNetworkProps) {
    super(scope, id);
    const placement = placed(props);
    const vnet = new VirtualNetwork(this, "vnet", { ...placement, name: props.name, addressSpace: [props.vnetCidr] });
    const nsg = new NetworkSecurityGroup(this, "nsg", { ...placement, name: `${props.name}-nsg` });
    this.vnetId = vnet.id;
    this.vnetName = vnet.name;

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
  }
}
