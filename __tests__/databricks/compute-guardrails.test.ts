import { ClusterPolicy } from "@cdktf/provider-databricks/lib/cluster-policy";
import { InstancePool } from "@cdktf/provider-databricks/lib/instance-pool";
import { only, resource, synthLakehouse, type Synthesized } from "./synth";

const SP = "11111111-2222-3333-4444-555555555555";
const TAG_RULES = {
  "custom_tags.costCenter": { type: "fixed", value: "cc-4711" },
  "custom_tags.owner": { type: "fixed", value: "data-platform@example.com" },
  "custom_tags.project": { type: "fixed", value: "retail-lakehouse" },
};
const policyDefinition = (s: Synthesized) => JSON.parse(only(s, "databricks_cluster_policy").definition as string);
const POOL = "${databricks_instance_pool.databricks_compute_pool_68EC2779.instance_pool_id}";
const DRIVER_POOL = "${databricks_instance_pool.databricks_compute_driver_pool_9652DC12.instance_pool_id}";
/** The resource at a construct path below ComputeGuardrails: "pool" and "driver_pool" both end in "_pool". */
function compute(s: Synthesized, type: string, path: string): Record<string, unknown> {
  const pattern = new RegExp(`^databricks_compute_${path}_[0-9A-F]{8}$`);
  const found = Object.entries(s.tf.resource[type] ?? {}).filter(([logicalId]) => pattern.test(logicalId));
  if (found.length !== 1) throw new Error(`expected one ${type} at ${path}, found ${found.length}`);
  return found[0][1];
}

describe("cluster policy", () => {
  it("pins runtime, auto-termination, access mode and tags, bounds workers and allows the spec's node types (AWS dev)", () => {
    const s = synthLakehouse({ cloud: "aws", env: "dev" });
    expect(s.json).toHaveResourceWithProperties(ClusterPolicy, { name: "rtl-dev-jobs", provider: "databricks.workspace" });
    expect(policyDefinition(s)).toStrictEqual({
      spark_version: { type: "fixed", value: "17.3.x-scala2.13" },
      autotermination_minutes: { type: "fixed", value: 20, hidden: true },
      "autoscale.min_workers": { type: "range", minValue: 1, maxValue: 2, defaultValue: 1 },
      "autoscale.max_workers": { type: "range", maxValue: 2, defaultValue: 2 },
      num_workers: { type: "range", maxValue: 2, isOptional: true },
      data_security_mode: { type: "fixed", value: "USER_ISOLATION" },
      node_type_id: { type: "allowlist", values: ["m5d.xlarge"], defaultValue: "m5d.xlarge" },
      driver_node_type_id: { type: "allowlist", values: ["m5d.xlarge"], defaultValue: "m5d.xlarge" },
      "aws_attributes.availability": { type: "fixed", value: "SPOT_WITH_FALLBACK" },
      ...TAG_RULES,
    });
  });

  it("allows the explicit allowlist and a distinct driver type, and merges the Azure rules", () => {
    const s = synthLakehouse({
      cloud: "azure",
      tweak: (e) => ({ ...e, compute: { ...e.compute, driverNodeType: "Standard_E4ds_v5", allowedNodeTypes: ["Standard_D4ds_v5", "Standard_E4ds_v5", "Standard_D8ds_v5"] } }),
    });
    const definition = policyDefinition(s);
    expect(definition.node_type_id).toStrictEqual({ type: "allowlist", values: ["Standard_D4ds_v5", "Standard_E4ds_v5", "Standard_D8ds_v5"], defaultValue: "Standard_D4ds_v5" });
    expect(definition.driver_node_type_id).toStrictEqual({ type: "allowlist", values: ["Standard_D4ds_v5", "Standard_E4ds_v5", "Standard_D8ds_v5"], defaultValue: "Standard_E4ds_v5" });
    expect(definition["azure_attributes.availability"]).toStrictEqual({ type: "fixed", value: "SPOT_WITH_FALLBACK_AZURE" });
    expect(definition["aws_attributes.availability"]).toBeUndefined();
  });

  it("lets writers and the run-as principal use the policy", () => {
    const s = synthLakehouse();
    expect(resource(s, "databricks_permissions", "policy_permissions")).toStrictEqual({
      provider: "databricks.workspace",
      cluster_policy_id: "${databricks_cluster_policy.databricks_compute_policy_D8504AE7.id}",
      access_control: [
        { service_principal_name: SP, permission_level: "CAN_USE" },
        { group_name: "data-engineers", permission_level: "CAN_USE" },
        { group_name: "platform-admins", permission_level: "CAN_USE" },
      ],
      // Permissions on principals the workspace does not know yet would fail the first apply.
      depends_on: expect.arrayContaining([expect.stringMatching(/^databricks_mws_permission_assignment\./)]),
    });
  });
});

describe("instance pool", () => {
  it("is not created when the spec asks for none, and neither is a driver pool", () => {
    const s = synthLakehouse({ env: "dev" });
    expect(s.tf.resource.databricks_instance_pool).toBeUndefined();
    expect(policyDefinition(s).instance_pool_id).toBeUndefined();
    expect(policyDefinition(s).driver_instance_pool_id).toBeUndefined();
  });

  it("is created from the spec with the cloud's pool attributes and the pinned runtime preloaded", () => {
    const s = synthLakehouse({ cloud: "azure", env: "prod" });
    expect(compute(s, "databricks_instance_pool", "pool")).toStrictEqual({
      provider: "databricks.workspace",
      instance_pool_name: "rtl-prod-pool",
      node_type_id: "Standard_D4ds_v5",
      min_idle_instances: 1,
      max_capacity: 12,
      idle_instance_autotermination_minutes: 15,
      preloaded_spark_versions: ["17.3.x-scala2.13"],
      custom_tags: { costCenter: "cc-4711", owner: "data-platform@example.com", project: "retail-lakehouse" },
      azure_attributes: { availability: "SPOT_AZURE", spot_bid_max_price: -1 },
    });
    expect(s.json).toHaveResourceWithProperties(InstancePool, { instance_pool_name: "rtl-prod-pool", max_capacity: 12 });
  });

  it("is pinned by the policy, with the on-demand driver pool, instead of node types and cloud attributes", () => {
    const s = synthLakehouse({ cloud: "aws", env: "prod" });
    expect(policyDefinition(s)).toStrictEqual({
      spark_version: { type: "fixed", value: "17.3.x-scala2.13" },
      autotermination_minutes: { type: "fixed", value: 20, hidden: true },
      "autoscale.min_workers": { type: "range", minValue: 1, maxValue: 8, defaultValue: 2 },
      "autoscale.max_workers": { type: "range", maxValue: 8, defaultValue: 8 },
      num_workers: { type: "range", maxValue: 8, isOptional: true },
      data_security_mode: { type: "fixed", value: "USER_ISOLATION" },
      instance_pool_id: { type: "fixed", value: POOL, hidden: true },
      driver_instance_pool_id: { type: "fixed", value: DRIVER_POOL, hidden: true },
      ...TAG_RULES,
    });
  });

  it.each([
    ["pool_permissions", POOL],
    ["driver_pool_permissions", DRIVER_POOL],
  ])("lets the policy's users attach to it and to the driver pool (%s)", (id, pool) => {
    const s = synthLakehouse({ env: "prod" });
    expect(compute(s, "databricks_permissions", id)).toStrictEqual({
      provider: "databricks.workspace",
      instance_pool_id: pool,
      access_control: [
        { service_principal_name: SP, permission_level: "CAN_ATTACH_TO" },
        { group_name: "data-engineers", permission_level: "CAN_ATTACH_TO" },
        { group_name: "platform-admins", permission_level: "CAN_ATTACH_TO" },
      ],
      depends_on: expect.arrayContaining([expect.stringMatching(/^databricks_mws_permission_assignment\./)]),
    });
  });
});

describe("driver pool", () => {
  it.each([
    ["aws", "m5d.xlarge", { aws_attributes: { availability: "ON_DEMAND" } }],
    ["azure", "Standard_D4ds_v5", { azure_attributes: { availability: "ON_DEMAND_AZURE" } }],
  ] as const)("is an on-demand pool beside the spot pool on %s, small, with the foundation's on-demand attributes", (cloud, nodeType, attributes) => {
    const s = synthLakehouse({ cloud, env: "prod" });
    expect(compute(s, "databricks_instance_pool", "driver_pool")).toStrictEqual({
      provider: "databricks.workspace",
      instance_pool_name: "rtl-prod-driver-pool",
      node_type_id: nodeType,
      min_idle_instances: 1,
      max_capacity: 2,
      idle_instance_autotermination_minutes: 15,
      preloaded_spark_versions: ["17.3.x-scala2.13"],
      custom_tags: { costCenter: "cc-4711", owner: "data-platform@example.com", project: "retail-lakehouse" },
      ...attributes,
    });
  });

  it("takes the spec's driver node type, and keeps no driver warm when the spec keeps no worker warm", () => {
    const s = synthLakehouse({
      env: "prod",
      tweak: (e) => ({ ...e, compute: { ...e.compute, driverNodeType: "r5d.xlarge", instancePool: { ...e.compute.instancePool!, minIdleInstances: 0 } } }),
    });
    expect(compute(s, "databricks_instance_pool", "driver_pool")).toMatchObject({ node_type_id: "r5d.xlarge", min_idle_instances: 0, max_capacity: 2 });
    expect(compute(s, "databricks_instance_pool", "pool")).toMatchObject({ node_type_id: "m5d.xlarge", min_idle_instances: 0 });
  });

  it("is not created when spot is off: the pool is then on demand and supplies the driver too", () => {
    const s = synthLakehouse({ env: "prod", tweak: (e) => ({ ...e, compute: { ...e.compute, spot: { ...e.compute.spot, enabled: false } } }) });
    expect(Object.keys(s.tf.resource.databricks_instance_pool)).toStrictEqual(["databricks_compute_pool_68EC2779"]);
    expect(policyDefinition(s).driver_instance_pool_id).toStrictEqual({ type: "fixed", value: POOL, hidden: true });
    expect(Object.keys(s.tf.resource.databricks_permissions).filter((id) => id.includes("driver_pool"))).toStrictEqual([]);
  });
});
