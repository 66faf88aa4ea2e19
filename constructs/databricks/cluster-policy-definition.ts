/**
 * The rules of an environment's cluster policy, as the policy definition JSON spells them
 * (attribute path -> limitation). Pure: the compute construct serialises the result.
 */
import type { ComputeSpec } from "../../platform";

export type PolicyRules = Record<string, Record<string, unknown>>;

export interface ClusterPolicyInput {
  readonly compute: ComputeSpec;
  /** Platform tags, pinned on every cluster for cost attribution. */
  readonly tags: Readonly<Record<string, string>>;
  /** The cloud's spot/fallback rules (CloudComputeAttributes.policyRules). */
  readonly cloudRules: Readonly<PolicyRules>;
  /** When set, clusters must draw their nodes from this pool. */
  readonly instancePoolId?: string;
  /**
   * When set with `instancePoolId`, clusters must draw their driver from this pool.
   * @default instancePoolId: the driver comes from the worker pool
   */
  readonly driverInstancePoolId?: string;
}

/**
 * The Clusters API's data_security_mode of the spec's access mode. Standard (USER_ISOLATION) is the
 * default: it enforces row filters and column masks natively, so the job writes governed tables
 * whatever the statement; dedicated (SINGLE_USER) writes them only by MERGE INTO and append, from
 * Databricks Runtime 16.3, with serverless enabled in the workspace
 * (https://docs.databricks.com/aws/en/compute/single-user-fgac, "Support for write operations").
 */
export const dataSecurityMode = (compute: ComputeSpec): string => (compute.accessMode === "standard" ? "USER_ISOLATION" : "SINGLE_USER");

export function clusterPolicyRules(input: ClusterPolicyInput): PolicyRules {
  const { compute, tags } = input;
  const fixed = (value: unknown) => ({ type: "fixed", value });
  const rules: PolicyRules = {
    spark_version: fixed(compute.sparkVersion),
    autotermination_minutes: { ...fixed(compute.autoTerminationMinutes), hidden: true },
    "autoscale.min_workers": { type: "range", minValue: 1, maxValue: compute.maxWorkers, defaultValue: compute.minWorkers },
    "autoscale.max_workers": { type: "range", maxValue: compute.maxWorkers, defaultValue: compute.maxWorkers },
    // A fixed-size cluster must not side-step the autoscale bound.
    num_workers: { type: "range", maxValue: compute.maxWorkers, isOptional: true },
    data_security_mode: fixed(dataSecurityMode(compute)),
  };
  if (input.instancePoolId) {
    // Pool clusters take node type and spot settings from the pool, so the policy pins the pool instead.
    rules.instance_pool_id = { ...fixed(input.instancePoolId), hidden: true };
    rules.driver_instance_pool_id = { ...fixed(input.driverInstancePoolId ?? input.instancePoolId), hidden: true };
  } else {
    const driver = compute.driverNodeType ?? compute.nodeType;
    const allowed = compute.allowedNodeTypes ?? [...new Set([compute.nodeType, driver])];
    rules.node_type_id = { type: "allowlist", values: allowed, defaultValue: compute.nodeType };
    rules.driver_node_type_id = { type: "allowlist", values: allowed, defaultValue: driver };
    for (const key of Object.keys(input.cloudRules).sort()) rules[key] = input.cloudRules[key];
  }
  for (const key of Object.keys(tags).sort()) rules[`custom_tags.${key}`] = fixed(tags[key]);
  return rules;
}
