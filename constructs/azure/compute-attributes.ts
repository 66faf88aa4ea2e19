import type { ComputeSpec } from "../../platform";
import type { CloudComputeAttributes } from "../cloud/foundation";

/** -1 caps the spot price at the on-demand price: never pay more than on-demand, never get evicted on price alone. */
const ON_DEMAND_PRICE_CAP = -1;

/**
 * Azure spot settings for job clusters, instance pools and the cluster policy that pins them.
 * Instance pools take no fallback: Azure pools know only SPOT_AZURE and ON_DEMAND_AZURE, so drivers
 * of pool clusters come from an on-demand pool.
 */
export function azureComputeAttributes(spot: ComputeSpec["spot"]): CloudComputeAttributes {
  const clusterAvailability = !spot.enabled ? "ON_DEMAND_AZURE" : spot.fallbackToOnDemand ? "SPOT_WITH_FALLBACK_AZURE" : "SPOT_AZURE";
  const poolAvailability = spot.enabled ? "SPOT_AZURE" : "ON_DEMAND_AZURE";
  return {
    jobCluster: {
      azureAttributes: { availability: clusterAvailability, firstOnDemand: spot.firstOnDemand, spotBidMaxPrice: ON_DEMAND_PRICE_CAP },
    },
    instancePool: { azureAttributes: { availability: poolAvailability, spotBidMaxPrice: ON_DEMAND_PRICE_CAP } },
    driverInstancePool: { azureAttributes: { availability: "ON_DEMAND_AZURE" } },
    policyRules: {
      "azure_attributes.availability": { type: "fixed", value: clusterAvailability },
      "azure_attributes.first_on_demand": { type: "fixed", value: spot.firstOnDemand },
      "azure_attributes.spot_bid_max_price": { type: "fixed", value: ON_DEMAND_PRICE_CAP },
    },
  };
}
