import { Job } from "@cdktf/provider-databricks/lib/job";
import { rule } from "../rule";
import { terraformArgs } from "../terraform";

/** Availabilities that never leave a run without nodes when spot capacity runs out. */
const SAFE = { aws_attributes: ["SPOT_WITH_FALLBACK", "ON_DEMAND"], azure_attributes: ["SPOT_WITH_FALLBACK_AZURE", "ON_DEMAND_AZURE"] };

type NewCluster = Record<string, unknown> & { instance_pool_id?: string };

/**
 * A spot reclaim must not fail a pipeline run: every job cluster that takes its own nodes states
 * an availability with on-demand fallback. Pool-backed clusters take availability from the pool.
 */
export const spotFallback = rule("LH-SPOT-FALLBACK", (node) => {
  if (!(node instanceof Job)) return undefined;
  const clusters = (terraformArgs(node).job_cluster ?? []) as { job_cluster_key: string; new_cluster?: NewCluster }[];
  return clusters
    .filter((c) => c.new_cluster && !c.new_cluster.instance_pool_id)
    .filter((c) =>
      !Object.entries(SAFE).some(([key, safe]) => safe.includes(String((c.new_cluster?.[key] as { availability?: string })?.availability))),
    )
    .map((c) => `set new_cluster.aws_attributes.availability "SPOT_WITH_FALLBACK" (Azure: azure_attributes "SPOT_WITH_FALLBACK_AZURE") on job cluster "${c.job_cluster_key}"`);
});
