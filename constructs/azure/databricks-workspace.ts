import { DatabricksWorkspace } from "@cdktf/provider-azurerm/lib/databricks-workspace";
import { Construct } from "constructs";
import type { InjectedSubnet } from "./workspace-network";
import { type AzurePlacement, placed } from "./placement";

export interface AzureDatabricksWorkspaceProps extends AzurePlacement {
  readonly name: string;
  /** Resource group Databricks creates and manages for the workspace's own resources. */
  readonly managedResourceGroupName: string;
  readonly vnetId: string;
  /** The "public" (host) subnet. */
  readonly hostSubnet: InjectedSubnet;
  /** The "private" (container) subnet. */
  readonly containerSubnet: InjectedSubnet;
  /**
   * Whether the front end is reachable from the internet. When false the data plane talks to the
   * control plane over Private Link only, which needs the workspace's private endpoints.
   */
  readonly publicNetworkAccess: boolean;
  /**
   * Key Vault key id (with its version) encrypting managed services data: notebooks, secrets, queries.
   * The AzureDatabricks first-party application needs get/wrap/unwrap on it.
   * @default Microsoft-managed keys
   */
  readonly managedServicesKeyId?: string;
}

/** A premium (Unity Catalog, audit logs) workspace injected into our VNet, with no public IPs on cluster nodes. */
export class AzureDatabricksWorkspace extends Construct {
  readonly workspace: DatabricksWorkspace;

  constructor(scope: Construct, id: string, props: AzureDatabricksWorkspaceProps) {
    super(scope, id);
    this.workspace = new DatabricksWorkspace(this, "workspace", {
      name: props.name,
      ...placed(props),
      sku: "premium",
      managedResourceGroupName: props.managedResourceGroupName,
      publicNetworkAccessEnabled: props.publicNetworkAccess,
      networkSecurityGroupRulesRequired: props.publicNetworkAccess ? "AllRules" : "NoAzureDatabricksRules",
      customParameters: {
        noPublicIp: true,
        virtualNetworkId: props.vnetId,
        publicSubnetName: props.hostSubnet.name,
        privateSubnetName: props.containerSubnet.name,
        publicSubnetNetworkSecurityGroupAssociationId: props.hostSubnet.nsgAssociationId,
        privateSubnetNetworkSecurityGroupAssociationId: props.containerSubnet.nsgAssociationId,
      },
      managedServicesCmkKeyVaultKeyId: props.managedServicesKeyId,
    });
  }
}
