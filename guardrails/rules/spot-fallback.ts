import { InstancePool } from "@cdktf/provider-databricks/lib/instance-pool";
import { Job } from "@cdktf/provider-databricks/lib/job";
import type { IConstruct } from "constructs";
import { rule } from "../rule";
import { inStack, refersTo } from "../terraform";

/** Availabilities that never leave a run without nodes when spot capacity runs out. */
const SAFE = {
  awsAttributes: ["SPOT_WITH_FALLBACK", "ON_DEMAND"],
  azureAttributes: ["SPOT_WITH_FALLBACK_AZURE", "ON_DEMAND_AZURE"],
} as const;
const SPOT_POOL = ["SPOT", "SPOT_AZURE"];

type Attributes = { availability?: string } | undefined;
type NewCluster = { awsAttributes?: Attributes; azureAttributes?: Attributes; instancePoolId?: string; driverInstancePoolId?: string };

const hasFallback = (c: NewCluster) =>
  (["awsAttributes", "azureAttributes"] as const).some((key) => (SAFE[key] as readonly string[]).includes(String(c[key]?.availability)));

/** The spot pool the cluster's driver comes from, if it is one of this stack's pools. */
function spotDriverPool(job: IConstruct, c: NewCluster): InstancePool | undefined {
  const driverPool = c.driverInstancePoolId ?? c.instancePoolId;
  return inStack(job, InstancePool).find(
    (pool) =>
      refersTo(job, driverPool, pool) &&
      SPOT_POOL.includes(String(pool.awsAttributesInput?.availability ?? pool.azureAttributesInput?.availability)),
  );
}

/**
 * A spot reclaim must not fail a pipeline run. A job cluster with its own nodes states an
 * availability with on-demand fallback; a pool has no fallback, so a pool-backed cluster must not
 * take its driver (whose loss ends the run) from a spot pool.
 */
export const spotFallback = rule("LH-SPOT-FALLBACK", (node) => {
  if (!(node instanceof Job)) return undefined;
  const clusters = (Array.isArray(node.jobClusterInput) ? node.jobClusterInput : []) as { jobClusterKey: string; newCluster?: NewCluster }[];
  return clusters.flatMap(({ jobClusterKey, newCluster: c }) => {
    if (!c) return [];
    if (c.instancePoolId === undefined) {
      return hasFallback(c)
        ? []
        : [`set newCluster.awsAttributes.availability "SPOT_WITH_FALLBACK" (Azure: azureAttributes "SPOT_WITH_FALLBACK_AZURE") on job cluster "${jobClusterKey}"`];
    }
    const pool = spotDriverPool(node, c);
    return pool
      ? [`job cluster "${jobClusterKey}" takes its driver from the spot pool ${pool.node.path}, which has no on-demand fallback: set driverInstancePoolId to an ON_DEMAND pool`]
      : [];
  });
});
