import { MwsPrivateAccessSettings } from "@cdktf/provider-databricks/lib/mws-private-access-settings";
import { MwsVpcEndpoint } from "@cdktf/provider-databricks/lib/mws-vpc-endpoint";
import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Construct } from "constructs";
import type { AwsPrivateLinkSpec } from "../../platform";
import type { WorkspaceNetwork } from "./workspace-network";

export interface BackendPrivateLinkProps {
  readonly provider: DatabricksProvider;
  readonly databricksAccountId: string;
  readonly region: string;
  /** Prefix of the Name tags, e.g. rtl-prod. */
  readonly name: string;
  /** The workspace's customer-managed VPC. */
  readonly network: WorkspaceNetwork;
  readonly availabilityZones: readonly string[];
  readonly privateLink: AwsPrivateLinkSpec;
  /** Names of the account-level registrations. */
  readonly names: { readonly restApi: string; readonly relay: string; readonly privateAccess: string };
}

/** Ports the clusters use on the Databricks endpoints: REST API, SCC relay, and the control plane's 8443-8451. */
const ENDPOINT_PORTS = [
  { from: 443, to: 443, description: "REST API and AWS service endpoints" },
  { from: 6666, to: 6666, description: "Secure cluster connectivity relay" },
  { from: 8443, to: 8451, description: "Control plane API, Unity Catalog logging and lineage" },
];

/**
 * Back-end Private Link, as the security reference architecture builds it: interface endpoints for
 * the workspace REST API and the secure cluster connectivity relay in their own subnets, registered
 * with the Databricks account and wired into the network configuration; STS and Kinesis endpoints so
 * credential and log traffic stays in the VPC as well; and the private access settings the workspace
 * takes.
 */
export class BackendPrivateLink extends Construct {
  readonly restApi: MwsVpcEndpoint;
  readonly relay: MwsVpcEndpoint;
  readonly privateAccessSettings: MwsPrivateAccessSettings;

  constructor(scope: Construct, id: string, props: BackendPrivateLinkProps) {
    super(scope, id);
    const { provider, network, privateLink, region } = props;
    const vpcId = network.vpc.id;
    const tag = (suffix: string) => ({ Name: `${props.name}-${suffix}` });

    const subnets = privateLink.endpointSubnetCidrs.map((cidrBlock, i) => {
      const zone = props.availabilityZones[i];
      return new Subnet(this, `endpoints_${zone}`, { vpcId, cidrBlock, availabilityZone: zone, mapPublicIpOnLaunch: false, tags: tag(`endpoints-${zone}`) });
    });
    const endpointGroup = new SecurityGroup(this, "security_group", {
      vpcId,
      name: `${props.name}-endpoints`,
      description: "Private Link endpoints of the workspace",
      tags: tag("endpoints"),
    });
    const nodes = network.securityGroup.id;
    for (const p of ENDPOINT_PORTS) {
      const rule = { securityGroupId: endpointGroup.id, ipProtocol: "tcp", fromPort: p.from, toPort: p.to, referencedSecurityGroupId: nodes };
      new VpcSecurityGroupIngressRule(this, `ingress_${p.from}`, { ...rule, description: `From cluster nodes: ${p.description}` });
      new VpcSecurityGroupEgressRule(this, `egress_${p.from}`, { ...rule, description: `To cluster nodes: ${p.description}` });
    }

    const endpoint = (endpointId: string, serviceName: string, privateDns: boolean) =>
      new VpcEndpoint(this, endpointId, {
        vpcId,
        serviceName,
        vpcEndpointType: "Interface",
        subnetIds: subnets.map((s) => s.id),
        securityGroupIds: [endpointGroup.id],
        privateDnsEnabled: privateDns,
        tags: tag(endpointId.replace(/_/g, "-")),
      });
    const restApi = endpoint("rest_api", privateLink.workspaceServiceName, true);
    const relay = endpoint("relay", privateLink.relayServiceName, true);
    endpoint("sts", `com.amazonaws.${region}.sts`, true);
    endpoint("kinesis", `com.amazonaws.${region}.kinesis-streams`, true);

    const register = (registrationId: string, vpce: VpcEndpoint, vpcEndpointName: string) =>
      new MwsVpcEndpoint(this, registrationId, { provider, accountId: props.databricksAccountId, awsVpcEndpointId: vpce.id, region, vpcEndpointName });
    this.restApi = register("rest_api_registration", restApi, props.names.restApi);
    this.relay = register("relay_registration", relay, props.names.relay);
    // No account_id here: provider 1.99 deprecates it on this resource; the account-level provider carries it
    // (constructs/aws/databricks-providers.ts).
    this.privateAccessSettings = new MwsPrivateAccessSettings(this, "private_access_settings", {
      provider,
      privateAccessSettingsName: props.names.privateAccess,
      region,
      publicAccessEnabled: privateLink.publicAccess,
      // Any endpoint registered in our account may reach the workspace; there is no front-end endpoint to list.
      privateAccessLevel: "ACCOUNT",
    });
  }
}
