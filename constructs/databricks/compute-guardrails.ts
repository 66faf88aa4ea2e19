import { ClusterPolicy } from "@cdktf/provider-databricks/lib/cluster-policy";
import { InstancePool, type InstancePoolAwsAttributes, type InstancePoolAzureAttributes } from "@cdktf/provider-databricks/lib/instance-pool";
import { Permissions } from "@cdktf/provider-databricks/lib/permissions";
import { Construct } from "constructs";
import * as naming from "../../naming";
import type { ComputeSpec } from "../../spec";
import type { CloudFoundation } from "../cloud/foundation";
import { type ResolvedPrincipal, accessControl } from "./access";
import { clusterPolicyRules } from "./cluster-policy-definition";

export interface ComputeGuardrailsProps {
  readonly ref: naming.EnvRef;
  readonly compute: ComputeSpec;
  /** Platform tags, pinned on clusters and pool instances. */
  readonly tags: Readonly<Record<string, string>>;
  /** Supplies the workspace provider and the cloud's compute attributes. */
  readonly foundation: CloudFoundation;
  /** Who may create clusters under the policy (and from the pool): the run-as principal and writers. */
  readonly users: readonly ResolvedPrincipal[];
}

/**
 * The environment's compute guardrails: a cluster policy every job cluster is created under and,
 * when the spec asks for one, an instance pool that keeps warm nodes for faster starts.
 */
export class ComputeGuardrails extends Construct {
  readonly policy: ClusterPolicy;
  /** The instance pool. @default none: clusters take their own nodes */
  readonly pool?: InstancePool;

  constructor(scope: Construct, id: string, props: ComputeGuardrailsProps) {
    super(scope, id);
    const { ref, compute, foundation } = props;
    const provider = foundation.workspaceProvider;

    if (compute.instancePool) {
      const attributes = foundation.computeAttributes.instancePool;
      this.pool = new InstancePool(this, "pool", {
        provider,
        instancePoolName: naming.instancePoolName(ref),
        nodeTypeId: compute.nodeType,
        minIdleInstances: compute.instancePool.minIdleInstances,
        maxCapacity: compute.instancePool.maxCapacity,
        idleInstanceAutoterminationMinutes: compute.instancePool.idleInstanceAutoterminationMinutes,
        preloadedSparkVersions: [compute.sparkVersion],
        customTags: { ...props.tags },
        awsAttributes: attributes.awsAttributes as InstancePoolAwsAttributes | undefined,
        azureAttributes: attributes.azureAttributes as InstancePoolAzureAttributes | undefined,
      });
      new Permissions(this, "pool_permissions", {
        provider,
        instancePoolId: this.pool.instancePoolId,
        accessControl: props.users.map((p) => accessControl(p, "CAN_ATTACH_TO")),
      });
    }

    const rules = clusterPolicyRules({
      compute,
      tags: props.tags,
      cloudRules: foundation.computeAttributes.policyRules,
      instancePoolId: this.pool?.instancePoolId,
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
    });
  }
}
