import type { CloudComputeAttributes } from "../cloud/foundation";
import type { ComputeSpec } from "../../platform";

const ON_DEMAND_POOL = { awsAttributes: { availability: "ON_DEMAND" } };

/**
 * Spot settings of an AWS environment for job clusters, instance pools and the cluster policy.
 * Workers go spot; the first `firstOnDemand` nodes (the driver first) stay on-demand so that a
 * spot reclaim never kills the driver. Instance pools know only SPOT or ON_DEMAND (the fallback is
 * a cluster feature), and they hold instances in one zone, so Databricks picks it rather than
 * the per-launch "auto" zone of clusters. Drivers of pool clusters therefore come from an on-demand pool.
 */
export function awsComputeAttributes(compute: ComputeSpec): CloudComputeAttributes {
  const { spot } = compute;
  if (!spot.enabled) {
    return {
      jobCluster: { awsAttributes: { availability: "ON_DEMAND", zoneId: "auto" } },
      instancePool: ON_DEMAND_POOL,
      driverInstancePool: ON_DEMAND_POOL,
      policyRules: { "aws_attributes.availability": { type: "fixed", value: "ON_DEMAND" } },
    };
  }
  const availability = spot.fallbackToOnDemand ? "SPOT_WITH_FALLBACK" : "SPOT";
  return {
    jobCluster: {
      awsAttributes: { availability, firstOnDemand: spot.firstOnDemand, spotBidPricePercent: spot.bidPricePercent, zoneId: "auto" },
    },
    instancePool: { awsAttributes: { availability: "SPOT", spotBidPricePercent: spot.bidPricePercent } },
    driverInstancePool: ON_DEMAND_POOL,
    policyRules: {
      "aws_attributes.availability": { type: "fixed", value: availability },
      "aws_attributes.first_on_demand": { type: "range", minValue: spot.firstOnDemand },
      "aws_attributes.spot_bid_price_percent": { type: "range", maxValue: spot.bidPricePercent },
    },
  };
}
