import { MwsNetworks } from "@cdktf/provider-databricks/lib/mws-networks";
import { MwsWorkspaces } from "@cdktf/provider-databricks/lib/mws-workspaces";
import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { Construct } from "constructs";
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
}

/** The E2 workspace, assembled from the account-level credentials, storage and network configurations. */
export class AwsWorkspace extends Construct {
  readonly workspace: MwsWorkspaces;

  constructor(scope: Construct, id: string, props: AwsWorkspaceProps) {
    super(scope, id);
    const { provider, databricksAccountId: accountId, network } = props;
    const networkConfig =
      network &&
      new MwsNetworks(this, "network", {
        provider,
        accountId,
        networkName: network.networkName,
        vpcId: network.vpc.vpc.id,
        subnetIds: network.vpc.privateSubnets.map((s) => s.id),
        securityGroupIds: [network.vpc.securityGroup.id],
      });
    this.workspace = new MwsWorkspaces(this, "workspace", {
      provider,
      accountId,
      workspaceName: props.workspaceName,
      awsRegion: props.region,
      credentialsId: props.credentialsId,
      storageConfigurationId: props.storageConfigurationId,
      networkId: networkConfig?.networkId,
      // Secure cluster connectivity: cluster nodes get no public IPs.
      isNoPublicIpEnabled: true,
    });
  }
}
