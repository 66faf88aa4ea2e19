import { MwsNetworks } from "@cdktf/provider-databricks/lib/mws-networks";
import { MwsWorkspaces } from "@cdktf/provider-databricks/lib/mws-workspaces";
import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { Construct } from "constructs";
import type { BackendPrivateLink } from "./backend-private-link";
import type { WorkspaceNetwork } from "./workspace-network";

export interface AwsWorkspaceProps {
  readonly provider: DatabricksProvider;
  readonly databricksAccountId: string;
  readonly region: string;
  readonly workspaceName: string;
  readonly credentialsId: string;
  readonly storageConfigurationId: string;
  /**
   * The customer-managed VPC, registered as the workspace's network configuration.
   * @default Databricks-managed VPC
   */
  readonly network?: { readonly vpc: WorkspaceNetwork; readonly networkName: string };
  /**
   * Back-end Private Link: the network configuration names its REST API and relay endpoints and the
   * workspace takes its private access settings. Needs `network`.
   * @default clusters reach the control plane through the NAT gateway
   */
  readonly privateLink?: BackendPrivateLink;
  /**
   * Customer-managed key configurations for managed services and workspace storage.
   * @default Databricks-managed keys
   */
  readonly customerManagedKeys?: { readonly managedServicesKeyId: string; readonly storageKeyId: string };
}

/** The E2 workspace, assembled from the account-level credentials, storage and network configurations. */
export class AwsWorkspace extends Construct {
  readonly workspace: MwsWorkspaces;

  constructor(scope: Construct, id: string, props: AwsWorkspaceProps) {
    super(scope, id);
    const { provider, databricksAccountId: accountId, network, privateLink } = props;
    const networkConfig =
      network &&
      new MwsNetworks(this, "network", {
        provider,
        accountId,
        networkName: network.networkName,
        vpcId: network.vpc.vpc.id,
        subnetIds: network.vpc.privateSubnets.map((s) => s.id),
        securityGroupIds: [network.vpc.securityGroup.id],
        vpcEndpoints: privateLink && {
          restApi: [privateLink.restApi.vpcEndpointId],
          dataplaneRelay: [privateLink.relay.vpcEndpointId],
        },
      });
    this.workspace = new MwsWorkspaces(this, "workspace", {
      provider,
      accountId,
      workspaceName: props.workspaceName,
      awsRegion: props.region,
      credentialsId: props.credentialsId,
      storageConfigurationId: props.storageConfigurationId,
      networkId: networkConfig?.networkId,
      privateAccessSettingsId: privateLink?.privateAccessSettings.privateAccessSettingsId,
      managedServicesCustomerManagedKeyId: props.customerManagedKeys?.managedServicesKeyId,
      storageCustomerManagedKeyId: props.customerManagedKeys?.storageKeyId,
      // Secure cluster connectivity: cluster nodes get no public IPs.
      isNoPublicIpEnabled: true,
    });
  }
}
