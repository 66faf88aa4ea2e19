import { AwsFoundation } from "../../constructs/aws/aws-foundation";
import type { AwsEnvironment } from "../../platform";
import { awsEnv, platform } from "../fixtures/platform";
import { all, data, ref, res, synth, type Synth } from "./synth";

const environment = awsEnv("prod"); // 10.30.0.0/16, private 10.30.0.0/19 + 10.30.32.0/19 in eu-west-1a/b
const withVpc = synth((s) => new AwsFoundation(s, "aws", { platform, environment }));
const managedEnvironment: AwsEnvironment = { ...environment, aws: { ...environment.aws, network: undefined } };
const withoutVpc = synth((s) => new AwsFoundation(s, "aws", { platform, environment: managedEnvironment }));

describe("AwsFoundation cross-account credentials", () => {
  const out = withVpc;
  const role = res(out, "aws_iam_role", "cross_account_role");
  const trust = data(out, "databricks_aws_assume_role_policy", "cross_account_trust");

  it("trusts Databricks with the Databricks account id as external id", () => {
    expect(trust.block).toStrictEqual({ provider: "databricks.account", external_id: environment.databricksAccountId, aws_partition: "aws" });
    expect(role.block).toMatchObject({ name: "rtl-prod-cross-account", assume_role_policy: ref(trust.address, "json") });
  });

  it("grants the cross-account policy Databricks generates, restricted to the workspace VPC", () => {
    const policy = data(out, "databricks_aws_crossaccount_policy", "cross_account_policy_document");
    expect(policy.block).toStrictEqual({
      provider: "databricks.account",
      aws_partition: "aws",
      policy_type: "restricted",
      aws_account_id: "111111111111",
      region: "eu-west-1",
      vpc_id: ref(res(out, "aws_vpc", "network_vpc").address, "id"),
      security_group_id: ref(res(out, "aws_security_group", "network_security_group").address, "id"),
    });
    expect(res(out, "aws_iam_role_policy", "cross_account_role_policy").block).toStrictEqual({
      name: "rtl-prod-cross-account",
      role: ref(role.address, "id"),
      policy: ref(policy.address, "json"),
    });
  });

  it("registers the role only after IAM has had time to propagate it", () => {
    const sleep = res(out, "time_sleep", "cross_account_iam_propagation");
    expect(sleep.block).toStrictEqual({
      create_duration: "20s",
      depends_on: [role.address, res(out, "aws_iam_role_policy", "cross_account_role_policy").address],
      provider: "time",
    });
    expect(res(out, "databricks_mws_credentials", "cross_account_credentials").block).toStrictEqual({
      provider: "databricks.account",
      credentials_name: "rtl-prod-credentials",
      role_arn: ref(role.address, "arn"),
      depends_on: [sleep.address],
    });
  });
});

describe("AwsFoundation root storage and workspace", () => {
  const out = withVpc;

  it("gives Databricks access to the root bucket through its generated policy, merged with the TLS-only deny", () => {
    const access = data(out, "databricks_aws_bucket_policy", "root_storage_databricks_access");
    expect(access.block).toStrictEqual({
      provider: "databricks.account",
      bucket: "rtl-prod-root-111111111111",
      aws_partition: "aws",
      databricks_e2_account_id: environment.databricksAccountId,
    });
    const document = data(out, "aws_iam_policy_document", "root_storage_bucket_policy_document").block;
    expect(document.source_policy_documents).toStrictEqual([ref(access.address, "json")]);
    expect((document.statement as { sid: string }[]).map((s) => s.sid)).toStrictEqual(["DenyInsecureTransport"]);
  });

  it("registers the root bucket once its policy is in place", () => {
    expect(res(out, "databricks_mws_storage_configurations", "root_storage_storage_configuration").block).toStrictEqual({
      provider: "databricks.account",
      account_id: environment.databricksAccountId,
      storage_configuration_name: "rtl-prod-root-storage",
      bucket_name: ref(res(out, "aws_s3_bucket", "root_storage_bucket").address, "bucket"),
      depends_on: [res(out, "aws_s3_bucket_policy", "root_storage_bucket_policy").address],
    });
  });

  it("creates the workspace from the credentials, root storage and network, without public IPs, with prod's CMKs and private access settings", () => {
    expect(environment.aws.customerManagedKeys).toBe(true);
    expect(environment.aws.privateLink).toBeDefined();
    expect(res(out, "databricks_mws_workspaces", "aws_workspace").block).toStrictEqual({
      provider: "databricks.account",
      account_id: environment.databricksAccountId,
      workspace_name: "rtl-prod",
      aws_region: "eu-west-1",
      credentials_id: ref(res(out, "databricks_mws_credentials", "cross_account_credentials").address, "credentials_id"),
      storage_configuration_id: ref(res(out, "databricks_mws_storage_configurations", "root_storage_storage_configuration").address, "storage_configuration_id"),
      network_id: ref(res(out, "databricks_mws_networks", "workspace_network").address, "network_id"),
      is_no_public_ip_enabled: true,
      managed_services_customer_managed_key_id: ref(res(out, "databricks_mws_customer_managed_keys", "workspace_keys_managed_services").address, "customer_managed_key_id"),
      storage_customer_managed_key_id: ref(res(out, "databricks_mws_customer_managed_keys", "workspace_keys_storage").address, "customer_managed_key_id"),
      private_access_settings_id: ref(res(out, "databricks_mws_private_access_settings", "private_link_private_access_settings").address, "private_access_settings_id"),
    });
  });

  it("creates the workspace without CMKs or private access settings where the spec asks for neither", () => {
    const dev = synth((s) => new AwsFoundation(s, "aws", { platform, environment: awsEnv("dev") }));
    const block = res(dev, "databricks_mws_workspaces", "aws_workspace").block;
    for (const key of ["managed_services_customer_managed_key_id", "storage_customer_managed_key_id", "private_access_settings_id"]) expect(block[key]).toBeUndefined();
    for (const type of ["databricks_mws_customer_managed_keys", "databricks_mws_private_access_settings", "databricks_mws_vpc_endpoint"]) expect(all(dev.resource, type)).toHaveLength(0);
  });
});

describe("AwsFoundation customer-managed VPC", () => {
  const out = withVpc;
  const vpcId = ref(res(out, "aws_vpc", "network_vpc").address, "id");
  const subnet = (zone: string) => res(out, "aws_subnet", `network_private_${zone}`);

  it("is the spec's VPC with DNS, which Databricks requires", () => {
    expect(res(out, "aws_vpc", "network_vpc").block).toMatchObject({ cidr_block: "10.30.0.0/16", enable_dns_support: true, enable_dns_hostnames: true });
  });

  it("puts one private subnet in each zone of the spec, and gives no subnet public IPs", () => {
    expect(subnet("eu-west-1a").block).toMatchObject({ vpc_id: vpcId, cidr_block: "10.30.0.0/19", availability_zone: "eu-west-1a", map_public_ip_on_launch: false });
    expect(subnet("eu-west-1b").block).toMatchObject({ vpc_id: vpcId, cidr_block: "10.30.32.0/19", availability_zone: "eu-west-1b", map_public_ip_on_launch: false });
    for (const s of all(out.resource, "aws_subnet")) expect(s.map_public_ip_on_launch).toBe(false);
  });

  it("sends the private subnets' outbound traffic through a NAT gateway in a /28 at the top of the range", () => {
    const natSubnet = res(out, "aws_subnet", "network_nat_subnet");
    expect(natSubnet.block).toMatchObject({ cidr_block: "10.30.255.240/28", availability_zone: "eu-west-1a" });
    const nat = res(out, "aws_nat_gateway", "network_nat_gateway");
    expect(nat.block).toMatchObject({ subnet_id: ref(natSubnet.address, "id"), allocation_id: ref(res(out, "aws_eip", "network_nat_ip").address, "allocation_id") });
    const privateRoutes = res(out, "aws_route_table", "network_private_routes");
    expect(privateRoutes.block.route).toMatchObject([{ cidr_block: "0.0.0.0/0", nat_gateway_id: ref(nat.address, "id"), gateway_id: null }]);
    for (const zone of ["eu-west-1a", "eu-west-1b"]) {
      expect(res(out, "aws_route_table_association", `network_private_${zone}_routes`).block).toStrictEqual({
        subnet_id: ref(subnet(zone).address, "id"),
        route_table_id: ref(privateRoutes.address, "id"),
      });
    }
    expect(res(out, "aws_route_table", "network_nat_routes").block.route).toMatchObject([
      { cidr_block: "0.0.0.0/0", gateway_id: ref(res(out, "aws_internet_gateway", "network_internet_gateway").address, "id"), nat_gateway_id: null },
    ]);
  });

  it("keeps S3 traffic off the NAT through a gateway endpoint", () => {
    expect(res(out, "aws_vpc_endpoint", "network_s3_endpoint").block).toMatchObject({
      service_name: "com.amazonaws.eu-west-1.s3",
      vpc_endpoint_type: "Gateway",
      route_table_ids: [ref(res(out, "aws_route_table", "network_private_routes").address, "id")],
    });
  });

  it("lets cluster nodes reach each other on any port and the outside only on Databricks' ports", () => {
    const sg = ref(res(out, "aws_security_group", "network_security_group").address, "id");
    const self = { security_group_id: sg, referenced_security_group_id: sg, from_port: 0, to_port: 65535 };
    const endpoints = ref(res(out, "aws_security_group", "private_link_security_group").address, "id");
    const fromNodes = { security_group_id: endpoints, referenced_security_group_id: sg, ip_protocol: "tcp" };
    expect(all(out.resource, "aws_vpc_security_group_ingress_rule")).toStrictEqual([
      { ...self, ip_protocol: "tcp", description: "From cluster nodes (tcp)" },
      { ...self, ip_protocol: "udp", description: "From cluster nodes (udp)" },
      // Prod's Private Link endpoints admit the cluster nodes on the REST API, relay and control plane ports only.
      { ...fromNodes, from_port: 443, to_port: 443, description: "From cluster nodes: REST API and AWS service endpoints" },
      { ...fromNodes, from_port: 6666, to_port: 6666, description: "From cluster nodes: Secure cluster connectivity relay" },
      { ...fromNodes, from_port: 8443, to_port: 8451, description: "From cluster nodes: Control plane API, Unity Catalog logging and lineage" },
    ]);
    const egress = all(out.resource, "aws_vpc_security_group_egress_rule").filter((r) => r.security_group_id === sg);
    expect(egress.filter((r) => r.referenced_security_group_id === sg).map((r) => r.ip_protocol)).toStrictEqual(["tcp", "udp"]);
    const outside = egress.filter((r) => r.cidr_ipv4 === "0.0.0.0/0").map((r) => [r.ip_protocol, r.from_port, r.to_port]);
    expect(outside.sort((a, b) => Number(a[1]) - Number(b[1]))).toStrictEqual([
      ["tcp", 443, 443],
      ["tcp", 2443, 2443],
      ["tcp", 3306, 3306],
      ["tcp", 6666, 6666],
      ["tcp", 8443, 8451],
    ]);
    expect(egress).toHaveLength(7);
  });

  it("logs all of the VPC's traffic to the access-log bucket under flow-logs/, once its policy lets log delivery write", () => {
    expect(res(out, "aws_flow_log", "network_flow_log").block).toStrictEqual({
      vpc_id: vpcId,
      traffic_type: "ALL",
      log_destination_type: "s3",
      log_destination: "arn:aws:s3:::rtl-prod-logs-111111111111/flow-logs/",
      tags: { Name: "rtl-prod-flow-logs" },
      depends_on: [res(out, "aws_s3_bucket_policy", "access_logs_bucket_policy").address],
    });
  });

  it("grants log delivery the flow-logs/ prefix for this account's logs only, as AWS documents it", () => {
    const statements = data(out, "aws_iam_policy_document", "access_logs_bucket_policy_document").block.statement as { sid: string }[];
    const fromThisAccount = [
      { test: "StringEquals", variable: "aws:SourceAccount", values: ["111111111111"] },
      { test: "ArnLike", variable: "aws:SourceArn", values: ["arn:aws:logs:eu-west-1:111111111111:*"] },
    ];
    const logDelivery = [{ type: "Service", identifiers: ["delivery.logs.amazonaws.com"] }];
    expect(statements.filter((s) => s.sid.startsWith("VpcFlowLog"))).toStrictEqual([
      {
        sid: "VpcFlowLogDeliveryWrite",
        effect: "Allow",
        principals: logDelivery,
        actions: ["s3:PutObject"],
        resources: ["arn:aws:s3:::rtl-prod-logs-111111111111/flow-logs/AWSLogs/111111111111/*"],
        condition: [...fromThisAccount, { test: "StringEquals", variable: "s3:x-amz-acl", values: ["bucket-owner-full-control"] }],
      },
      {
        sid: "VpcFlowLogDeliveryAclCheck",
        effect: "Allow",
        principals: logDelivery,
        actions: ["s3:GetBucketAcl", "s3:ListBucket"],
        resources: ["arn:aws:s3:::rtl-prod-logs-111111111111"],
        condition: fromThisAccount,
      },
    ]);
  });

  it("empties the VPC's default security group of AWS's allow-all rules", () => {
    expect(res(out, "aws_default_security_group", "network_default_security_group").block).toStrictEqual({
      vpc_id: vpcId,
      tags: { Name: "rtl-prod-default" },
    });
  });

  it("registers the VPC, its private subnets and security group as the workspace network", () => {
    expect(res(out, "databricks_mws_networks", "workspace_network").block).toStrictEqual({
      provider: "databricks.account",
      account_id: environment.databricksAccountId,
      network_name: "rtl-prod-network",
      vpc_id: vpcId,
      subnet_ids: [ref(subnet("eu-west-1a").address, "id"), ref(subnet("eu-west-1b").address, "id")],
      security_group_ids: [ref(res(out, "aws_security_group", "network_security_group").address, "id")],
      vpc_endpoints: {
        rest_api: [ref(res(out, "databricks_mws_vpc_endpoint", "private_link_rest_api_registration").address, "vpc_endpoint_id")],
        dataplane_relay: [ref(res(out, "databricks_mws_vpc_endpoint", "private_link_relay_registration").address, "vpc_endpoint_id")],
      },
    });
  });
});

describe("AwsFoundation with Databricks-managed networking", () => {
  const out: Synth = withoutVpc;

  it("creates no VPC, no network configuration, and no network on the workspace", () => {
    for (const type of ["aws_vpc", "aws_subnet", "aws_nat_gateway", "aws_security_group", "aws_default_security_group", "aws_flow_log", "databricks_mws_networks"]) {
      expect(all(out.resource, type)).toHaveLength(0);
    }
    expect(res(out, "databricks_mws_workspaces", "aws_workspace").block.network_id).toBeUndefined();
  });

  it("grants log delivery nothing on the access-log bucket", () => {
    const statements = data(out, "aws_iam_policy_document", "access_logs_bucket_policy_document").block.statement as { sid: string }[];
    expect(statements.map((s) => s.sid)).toStrictEqual(["DenyInsecureTransport", "S3ServerAccessLogDelivery"]);
  });

  it("uses the cross-account policy Databricks documents for its own VPC", () => {
    expect(data(out, "databricks_aws_crossaccount_policy", "cross_account_policy_document").block).toStrictEqual({
      provider: "databricks.account",
      aws_partition: "aws",
      policy_type: "managed",
    });
  });
});
