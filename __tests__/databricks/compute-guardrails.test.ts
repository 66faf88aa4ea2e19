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

describe("cluster policy", () => {
  it("pins runtime, auto-termination, access mode and tags, bounds workers and allows the spec's node types (AWS dev)", () => {
    const s = synthLakehouse({ cloud: "aws", env: "dev" });
    expect(s.json).toHaveResourceWithProperties(ClusterPolicy, { name: "rtl-dev-jobs", provider: "databricks.workspace" });
    expect(policyDefinition(s)).toStrictEqual({
      spark_version: { type: "fixed", value: "15.4.x-scala2.12" },
      autotermination_minutes: { type: "fixed", value: 20, hidden: true },
      "autoscale.min_workers": { type: "range", minValue: 1, maxValue: 2, defaultValue: 1 },
      "autoscale.max_workers": { type: "range", maxValue: 2, defaultValue: 2 },
      num_workers: { type: "range", maxValue: 2, isOptional: true },
      data_security_mode: { type: "fixed", value: "SINGLE_USER" },
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
    });
  });
});

describe("instance pool", () => {
  it("is not created when the spec asks for none", () => {
    const s = synthLakehouse({ env: "dev" });
    expect(s.tf.resource.databricks_instance_pool).toBeUndefined();
    expect(policyDefinition(s).instance_pool_id).toBeUndefined();
  });

  it("is created from the spec with the cloud's pool attributes and the pinned runtime preloaded", () => {
    const s = synthLakehouse({ cloud: "azure", env: "prod" });
    expect(only(s, "databricks_instance_pool")).toStrictEqual({
      provider: "databricks.workspace",
      instance_pool_name: "rtl-prod-pool",
      node_type_id: "Standard_D4ds_v5",
      min_idle_instances: 1,
      max_capacity: 12,
      idle_instance_autotermination_minutes: 15,
      preloaded_spark_versions: ["15.4.x-scala2.12"],
      custom_tags: { costCenter: "cc-4711", owner: "data-platform@example.com", project: "retail-lakehouse" },
      azure_attributes: { availability: "SPOT_AZURE", spot_bid_max_price: -1 },
    });
    expect(s.json).toHaveResourceWithProperties(InstancePool, { instance_pool_name: "rtl-prod-pool", max_capacity: 12 });
  });

  it("is pinned by the policy instead of node types and cloud attributes", () => {
    const s = synthLakehouse({ cloud: "aws", env: "prod" });
    const pool = "${databricks_instance_pool.databricks_compute_pool_68EC2779.instance_pool_id}";
    expect(policyDefinition(s)).toStrictEqual({
      spark_version: { type: "fixed", value: "15.4.x-scala2.12" },
      autotermination_minutes: { type: "fixed", value: 20, hidden: true },
      "autoscale.min_workers": { type: "range", minValue: 1, maxValue: 8, defaultValue: 2 },
      "autoscale.max_workers": { type: "range", maxValue: 8, defaultValue: 8 },
      num_workers: { type: "range", maxValue: 8, isOptional: true },
      data_security_mode: { type: "fixed", value: "SINGLE_USER" },
      instance_pool_id: { type: "fixed", value: pool, hidden: true },
      driver_instance_pool_id: { type: "fixed", value: pool, hidden: true },
      ...TAG_RULES,
    });
  });

  it("lets the policy's users attach to it", () => {
    const s = synthLakehouse({ env: "prod" });
    expect(resource(s, "databricks_permissions", "pool_permissions").access_control).toStrictEqual([
      { service_principal_name: SP, permission_level: "CAN_ATTACH_TO" },
      { group_name: "data-engineers", permission_level: "CAN_ATTACH_TO" },
      { group_name: "platform-admins", permission_level: "CAN_ATTACH_TO" },
    ]);
  });
});
