import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { BackendPrivateLink } from "../../constructs/aws/backend-private-link";
import { WorkspaceNetwork } from "../../constructs/aws/workspace-network";
import type { AwsPrivateLinkSpec } from "../../platform";
import { awsEnv } from "../fixtures/platform";
import { all, ref, res, synth } from "./synth";

const DATABRICKS_ACCOUNT = "00000000-0000-0000-0000-000000000000";
const network = awsEnv("prod").aws.network!; // 10.30.0.0/16 in eu-west-1a/b
const privateLink: AwsPrivateLinkSpec = {
  workspaceServiceName: "com.amazonaws.vpce.eu-west-1.vpce-svc-0da6ebf1461278016",
  relayServiceName: "com.amazonaws.vpce.eu-west-1.vpce-svc-09b4eb2bc775f4e8c",
  endpointSubnetCidrs: ["10.30.64.0/26", "10.30.64.64/26"],
  publicAccess: true,
};
const build = (spec: AwsPrivateLinkSpec) =>
  synth((s) => {
    const provider = new DatabricksProvider(s, "account", { alias: "account", host: "https://accounts.cloud.databricks.com", accountId: DATABRICKS_ACCOUNT });
    const bucketPolicy = new S3BucketPolicy(s, "logs_policy", { bucket: "rtl-prod-logs", policy: "{}" });
    const vpc = new WorkspaceNetwork(s, "network", { name: "rtl-prod", region: "eu-west-1", network, flowLogs: { destinationArn: "arn:aws:s3:::rtl-prod-logs/flow-logs/", bucketPolicy } });
    new BackendPrivateLink(s, "private_link", {
      provider,
      databricksAccountId: DATABRICKS_ACCOUNT,
      region: "eu-west-1",
      name: "rtl-prod",
      network: vpc,
      availabilityZones: network.availabilityZones,
      privateLink: spec,
      names: { restApi: "rtl-prod-rest-api-endpoint", relay: "rtl-prod-relay-endpoint", privateAccess: "rtl-prod-private-access" },
    });
  });

describe("BackendPrivateLink", () => {
  const out = build(privateLink);
  const vpcId = ref(res(out, "aws_vpc", "network_vpc").address, "id");
  const endpointGroup = ref(res(out, "aws_security_group", "private_link_security_group").address, "id");
  const nodes = ref(res(out, "aws_security_group", "network_security_group").address, "id");
  const subnetIds = ["eu-west-1a", "eu-west-1b"].map((zone) => ref(res(out, "aws_subnet", `private_link_endpoints_${zone}`).address, "id"));

  it("puts the endpoints in their own subnet per zone, without public IPs", () => {
    expect(res(out, "aws_subnet", "private_link_endpoints_eu-west-1a").block).toStrictEqual({
      vpc_id: vpcId,
      cidr_block: "10.30.64.0/26",
      availability_zone: "eu-west-1a",
      map_public_ip_on_launch: false,
      tags: { Name: "rtl-prod-endpoints-eu-west-1a" },
    });
    expect(res(out, "aws_subnet", "private_link_endpoints_eu-west-1b").block).toMatchObject({ cidr_block: "10.30.64.64/26", availability_zone: "eu-west-1b" });
  });

  it("creates interface endpoints with private DNS for the REST API, the relay, STS and Kinesis", () => {
    const endpoint = (id: string, serviceName: string) => ({
      vpc_id: vpcId,
      service_name: serviceName,
      vpc_endpoint_type: "Interface",
      subnet_ids: subnetIds,
      security_group_ids: [endpointGroup],
      private_dns_enabled: true,
      tags: { Name: `rtl-prod-${id}` },
    });
    expect(res(out, "aws_vpc_endpoint", "private_link_rest_api").block).toStrictEqual(endpoint("rest-api", privateLink.workspaceServiceName));
    expect(res(out, "aws_vpc_endpoint", "private_link_relay").block).toStrictEqual(endpoint("relay", privateLink.relayServiceName));
    expect(res(out, "aws_vpc_endpoint", "private_link_sts").block).toStrictEqual(endpoint("sts", "com.amazonaws.eu-west-1.sts"));
    expect(res(out, "aws_vpc_endpoint", "private_link_kinesis").block).toStrictEqual(endpoint("kinesis", "com.amazonaws.eu-west-1.kinesis-streams"));
  });

  it("lets only the cluster nodes reach the endpoints, on 443, 6666 and 8443-8451", () => {
    const rules = (type: string) =>
      all(out.resource, type)
        .filter((r) => r.security_group_id === endpointGroup)
        .map((r) => [r.ip_protocol, r.from_port, r.to_port, r.referenced_security_group_id]);
    const expected = [
      ["tcp", 443, 443, nodes],
      ["tcp", 6666, 6666, nodes],
      ["tcp", 8443, 8451, nodes],
    ];
    expect(rules("aws_vpc_security_group_ingress_rule")).toStrictEqual(expected);
    expect(rules("aws_vpc_security_group_egress_rule")).toStrictEqual(expected);
    expect(all(out.resource, "aws_vpc_security_group_ingress_rule").filter((r) => r.security_group_id === endpointGroup && r.cidr_ipv4 !== undefined)).toStrictEqual([]);
  });

  it("registers the REST API and relay endpoints with the Databricks account", () => {
    const registration = (id: string, name: string) => ({
      provider: "databricks.account",
      account_id: DATABRICKS_ACCOUNT,
      aws_vpc_endpoint_id: ref(res(out, "aws_vpc_endpoint", `private_link_${id}`).address, "id"),
      region: "eu-west-1",
      vpc_endpoint_name: name,
    });
    expect(res(out, "databricks_mws_vpc_endpoint", "private_link_rest_api_registration").block).toStrictEqual(registration("rest_api", "rtl-prod-rest-api-endpoint"));
    expect(res(out, "databricks_mws_vpc_endpoint", "private_link_relay_registration").block).toStrictEqual(registration("relay", "rtl-prod-relay-endpoint"));
    expect(all(out.resource, "databricks_mws_vpc_endpoint")).toHaveLength(2);
  });

  it("creates account-level private access settings, with the front end public as the spec says", () => {
    // No account_id on the resource (deprecated there in provider 1.99): the account provider carries it.
    expect(res(out, "databricks_mws_private_access_settings", "private_link_private_access_settings").block).toStrictEqual({
      provider: "databricks.account",
      private_access_settings_name: "rtl-prod-private-access",
      region: "eu-west-1",
      public_access_enabled: true,
      private_access_level: "ACCOUNT",
    });
    const closed = build({ ...privateLink, publicAccess: false });
    expect(res(closed, "databricks_mws_private_access_settings", "private_link_private_access_settings").block.public_access_enabled).toBe(false);
  });
});
