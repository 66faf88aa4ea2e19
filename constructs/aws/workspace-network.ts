import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { AwsEnvironmentSpec } from "../../platform";
import { formatCidr, natSubnetBlock } from "../../platform/network";

type AwsNetworkSpec = NonNullable<AwsEnvironmentSpec["network"]>;

export interface WorkspaceNetworkProps {
  /** Prefix of the Name tags, e.g. rtl-dev. */
  readonly name: string;
  readonly region: string;
  readonly network: AwsNetworkSpec;
  /** Where the VPC's flow logs go. */
  readonly flowLogs: {
    /** S3 ARN with a prefix, e.g. arn:aws:s3:::rtl-dev-logs-123456789012/flow-logs/. */
    readonly destinationArn: string;
    /** The bucket policy that lets log delivery write there. */
    readonly bucketPolicy: ITerraformDependable;
  };
}

/** Ports Databricks documents for a customer-managed VPC's outbound traffic beyond the VPC. */
const DATABRICKS_EGRESS = [
  { port: 443, description: "Databricks control plane, AWS APIs, package repositories" },
  { port: 3306, description: "Databricks legacy Hive metastore" },
  { port: 6666, description: "Secure cluster connectivity relay (PrivateLink)" },
  { port: 2443, description: "FIPS-encrypted control plane traffic" },
  { port: 8443, toPort: 8451, description: "Control plane API, Unity Catalog logging and lineage" },
];

/**
 * A customer-managed VPC for the workspace. Clusters run in private subnets without public IPs
 * (secure cluster connectivity); they still need outbound HTTPS to the Databricks control plane,
 * so egress goes through one NAT gateway in a small public subnet. One NAT, not one per zone:
 * a zone outage pauses new clusters in the other zone too, which a batch lakehouse tolerates
 * better than the doubled NAT cost. S3 traffic skips the NAT through a free gateway endpoint.
 */
export class WorkspaceNetwork extends Construct {
  readonly vpc: Vpc;
  readonly securityGroup: SecurityGroup;
  readonly privateSubnets: Subnet[];

  constructor(scope: Construct, id: string, props: WorkspaceNetworkProps) {
    super(scope, id);
    const { name, network } = props;
    const tag = (suffix: string) => ({ Name: `${name}-${suffix}` });

    this.vpc = new Vpc(this, "vpc", { cidrBlock: network.vpcCidr, enableDnsSupport: true, enableDnsHostnames: true, tags: tag("vpc") });
    const vpcId = this.vpc.id;
    // All traffic, accepted and rejected: the record of what the clusters talked to. Created after
    // the bucket policy grants log delivery, or AWS replaces that policy with its own.
    new FlowLog(this, "flow_log", {
      vpcId,
      trafficType: "ALL",
      logDestinationType: "s3",
      logDestination: props.flowLogs.destinationArn,
      tags: tag("flow-logs"),
      dependsOn: [props.flowLogs.bucketPolicy],
    });
    // Adopting the default security group strips AWS's allow-all rules; nothing uses it, and an
    // instance launched without a group would otherwise get them.
    new DefaultSecurityGroup(this, "default_security_group", { vpcId, tags: tag("default") });

    const natSubnet = new Subnet(this, "nat_subnet", {
      vpcId,
      // The validated spec guarantees the block exists and no private subnet overlaps it.
      cidrBlock: formatCidr(natSubnetBlock(network.vpcCidr)!),
      availabilityZone: network.availabilityZones[0],
      mapPublicIpOnLaunch: false,
      tags: tag("nat"),
    });
    const internetGateway = new InternetGateway(this, "internet_gateway", { vpcId, tags: tag("igw") });
    const publicRoutes = new RouteTable(this, "nat_routes", { vpcId, route: [{ cidrBlock: "0.0.0.0/0", gatewayId: internetGateway.id }], tags: tag("nat") });
    new RouteTableAssociation(this, "nat_routes_association", { subnetId: natSubnet.id, routeTableId: publicRoutes.id });
    const natIp = new Eip(this, "nat_ip", { domain: "vpc", tags: tag("nat"), dependsOn: [internetGateway] });
    const nat = new NatGateway(this, "nat_gateway", { allocationId: natIp.allocationId, subnetId: natSubnet.id, tags: tag("nat") });

    const privateRoutes = new RouteTable(this, "private_routes", { vpcId, route: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }], tags: tag("private") });
    this.privateSubnets = network.privateSubnetCidrs.map((cidrBlock, i) => {
      const zone = network.availabilityZones[i];
      const subnet = new Subnet(this, `private_${zone}`, { vpcId, cidrBlock, availabilityZone: zone, mapPublicIpOnLaunch: false, tags: tag(`private-${zone}`) });
      new RouteTableAssociation(this, `private_${zone}_routes`, { subnetId: subnet.id, routeTableId: privateRoutes.id });
      return subnet;
    });
    new VpcEndpoint(this, "s3_endpoint", {
      vpcId,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: "Gateway",
      routeTableIds: [privateRoutes.id],
      tags: tag("s3"),
    });

    // Cluster nodes talk to each other on any port; outside the VPC only on Databricks' ports.
    // Rules as their own resources: inline rule blocks would need every optional field spelled out.
    this.securityGroup = new SecurityGroup(this, "security_group", {
      vpcId,
      name: `${name}-workspace`,
      description: "Databricks cluster nodes",
      tags: tag("workspace"),
    });
    const securityGroupId = this.securityGroup.id;
    for (const protocol of ["tcp", "udp"]) {
      const self = { securityGroupId, ipProtocol: protocol, fromPort: 0, toPort: 65535, referencedSecurityGroupId: securityGroupId };
      new VpcSecurityGroupIngressRule(this, `ingress_nodes_${protocol}`, { ...self, description: `From cluster nodes (${protocol})` });
      new VpcSecurityGroupEgressRule(this, `egress_nodes_${protocol}`, { ...self, description: `To cluster nodes (${protocol})` });
    }
    for (const e of DATABRICKS_EGRESS) {
      new VpcSecurityGroupEgressRule(this, `egress_${e.port}`, {
        securityGroupId,
        ipProtocol: "tcp",
        fromPort: e.port,
        toPort: e.toPort ?? e.port,
        cidrIpv4: "0.0.0.0/0",
        description: e.description,
      });
    }
  }
}
