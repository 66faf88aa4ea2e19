import { ClusterPolicy } from "@cdktf/provider-databricks/lib/cluster-policy";
import { InstancePool, type InstancePoolAwsAttributes, type InstancePoolAzureAttributes } from "@cdktf/provider-databricks/lib/instance-pool";
import { Permissions } from "@cdktf/provider-databricks/lib/permissions";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import * as naming from "../../naming";
import type { ComputeSpec } from "../../platform";
import type { CloudComputeAttributes, CloudFoundation } from "../cloud/foundation";
import { type ResolvedPrincipal, accessControl } from "../../access/privileges";
import { clusterPolicyRules } from "./cluster-policy-definition";

interface PoolSettings {
  readonly name: string;
  readonly nodeType: string;
  readonly minIdleInstances: number;
  readonly maxCapacity: number;
  readonly attributes: CloudComputeAttributes["instancePool"];
}

export interface ComputeGuardrailsProps {
  readonly ref: naming.EnvRef;
  readonly compute: ComputeSpec;
  /** Platform tags, pinned on clusters and pool instances. */
  readonly tags: Readonly<Record<string, string>>;
  /** Supplies the workspace provider and the cloud's compute attributes. */
  readonly foundation: CloudFoundation;
  /** Who may create clusters under the policy (and from the pool): the run-as principal and writers. */
  readonly users: readonly ResolvedPrincipal[];
  /** The users' workspace assignments: the permissions name them. @default nothing */
  readonly assignments?: ITerraformDependable[];
}

/**
 * Capacity of the driver pool: the driver of the job's one cluster (max_concurrent_runs 1), plus
 * one for a replacement driver or a repair run that starts while the old instance is released.
 */
const DRIVER_POOL_CAPACITY = 2;

/**
 * The environment's compute guardrails: a cluster policy every job cluster is created under and,
 * when the spec asks for one, an instance pool that keeps warm nodes for faster starts. When that
 * pool is spot, a small on-demand pool beside it supplies the drivers: a pool has no on-demand
 * fallback, and a reclaimed driver ends the run.
 */
export class ComputeGuardrails extends Construct {
  readonly policy: ClusterPolicy;
  /** The instance pool. @default none: clusters take their own nodes */
  readonly pool?: InstancePool;
  /** The on-demand pool drivers come from. @default none: drivers come from `pool` (or their own nodes) */
  readonly driverPool?: InstancePool;

  constructor(scope: Construct, id: string, props: ComputeGuardrailsProps) {
    super(scope, id);
    const { ref, compute, foundation } = props;
    const provider = foundation.workspaceProvider;

    const poolSpec = compute.instancePool;
    if (poolSpec) {
      const pool = (poolId: string, settings: PoolSettings) => {
        const created = new InstancePool(this, poolId, {
          provider,
          instancePoolName: settings.name,
          nodeTypeId: settings.nodeType,
          minIdleInstances: settings.minIdleInstances,
          maxCapacity: settings.maxCapacity,
          idleInstanceAutoterminationMinutes: poolSpec.idleInstanceAutoterminationMinutes,
          preloadedSparkVersions: [compute.sparkVersion],
          customTags: { ...props.tags },
          awsAttributes: settings.attributes.awsAttributes as InstancePoolAwsAttributes | undefined,
          azureAttributes: settings.attributes.azureAttributes as InstancePoolAzureAttributes | undefined,
        });
        new Permissions(this, `${poolId}_permissions`, {
          provider,
          instancePoolId: created.instancePoolId,
          accessControl: props.users.map((p) => accessControl(p, "CAN_ATTACH_TO")),
          dependsOn: props.assignments,
        });
        return created;
      };
      this.pool = pool("pool", {
        name: naming.instancePoolName(ref),
        nodeType: compute.nodeType,
        minIdleInstances: poolSpec.minIdleInstances,
        maxCapacity: poolSpec.maxCapacity,
        attributes: foundation.computeAttributes.instancePool,
      });
      if (compute.spot.enabled) {
        this.driverPool = pool("driver_pool", {
          name: naming.driverInstancePoolName(ref),
          nodeType: compute.driverNodeType ?? compute.nodeType,
          // A cluster starts when its driver does: keep one warm exactly when the spec keeps workers warm.
          minIdleInstances: Math.min(1, poolSpec.minIdleInstances),
          maxCapacity: DRIVER_POOL_CAPACITY,
          attributes: foundation.computeAttributes.driverInstancePool,
        });
      }
    }

    const rules = clusterPolicyRules({
      compute,
      tags: props.tags,
      cloudRules: foundation.computeAttributes.policyRules,
      instancePoolId: this.pool?.instancePoolId,
      driverInstancePoolId: this.driverPool?.instancePoolId,
    });
    this.policy = new ClusterPolicy(this, "policy", {
      provider,
      name: naming.clusterPolicyName(ref),
      description: `Job clusters of ${naming.resourceName(ref)}: pinned runtime, bounded size, Unity Catalog access mode`,
      definition: JSON.stringify(rules),
    });
    new Permissions(this, "policy_permissions", {
      provider,
      clusterPolicyId: this.policy.id,
      accessControl: props.users.map((p) => accessControl(p, "CAN_USE")),
      dependsOn: props.assignments,
    });
  }
}
