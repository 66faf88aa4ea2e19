import { Job } from "@cdktf/provider-databricks/lib/job";
import { rule } from "../rule";

/** Availabilities that never leave a run without nodes when spot capacity runs out. */
const SAFE: Record<string, string[]> = {
  awsAttributes: ["SPOT_WITH_FALLBACK", "ON_DEMAND"],
  azureAttributes: ["SPOT_WITH_FALLBACK_AZURE", "ON_DEMAND_AZURE"],
};

type NewCluster = Record<string, { availability?: string } | string | undefined> & { instancePoolId?: string };

/**
 * A spot reclaim must not fail a pipeline run: every job cluster that takes its own nodes states
 * an availability with on-demand fallback. Pool-backed clusters take availability from the pool.
 */
export const spotFallback = rule("LH-SPOT-FALLBACK", (node) => {
  if (!(node instanceof Job)) return undefined;
  const clusters = (Array.isArray(node.jobClusterInput) ? node.jobClusterInput : []) as { jobClusterKey: string; newCluster?: NewCluster }[];
  const safe = (c: NewCluster) =>
    Object.entries(SAFE).some(([key, values]) => values.includes(String((c[key] as { availability?: string } | undefined)?.availability)));
  return clusters
    .filter((c) => c.newCluster && !c.newCluster.instancePoolId && !safe(c.newCluster))
    .map((c) => `set newCluster.awsAttributes.availability "SPOT_WITH_FALLBACK" (Azure: azureAttributes "SPOT_WITH_FALLBACK_AZURE") on job cluster "${c.jobClusterKey}"`);
});
