import { azureComputeAttributes } from "../../constructs/azure/compute-attributes";

const spot = { enabled: true, fallbackToOnDemand: true, firstOnDemand: 1, bidPricePercent: 100 };

describe("azureComputeAttributes", () => {
  it("runs job clusters on spot with on-demand fallback, the driver on demand, never above the on-demand price", () => {
    expect(azureComputeAttributes(spot)).toStrictEqual({
      jobCluster: { azureAttributes: { availability: "SPOT_WITH_FALLBACK_AZURE", firstOnDemand: 1, spotBidMaxPrice: -1 } },
      instancePool: { azureAttributes: { availability: "SPOT_AZURE", spotBidMaxPrice: -1 } },
      driverInstancePool: { azureAttributes: { availability: "ON_DEMAND_AZURE" } },
      policyRules: {
        "azure_attributes.availability": { type: "fixed", value: "SPOT_WITH_FALLBACK_AZURE" },
        "azure_attributes.first_on_demand": { type: "fixed", value: 1 },
        "azure_attributes.spot_bid_max_price": { type: "fixed", value: -1 },
      },
    });
  });

  it("uses spot without fallback when the spec turns fallback off", () => {
    const attrs = azureComputeAttributes({ ...spot, fallbackToOnDemand: false });
    expect(attrs.jobCluster.azureAttributes?.availability).toBe("SPOT_AZURE");
    expect(attrs.policyRules["azure_attributes.availability"]).toStrictEqual({ type: "fixed", value: "SPOT_AZURE" });
  });

  it("uses on-demand capacity everywhere when spot is disabled", () => {
    const attrs = azureComputeAttributes({ ...spot, enabled: false, firstOnDemand: 2 });
    expect(attrs.jobCluster.azureAttributes).toStrictEqual({ availability: "ON_DEMAND_AZURE", firstOnDemand: 2, spotBidMaxPrice: -1 });
    expect(attrs.instancePool.azureAttributes).toStrictEqual({ availability: "ON_DEMAND_AZURE", spotBidMaxPrice: -1 });
    expect(attrs.policyRules["azure_attributes.availability"]).toStrictEqual({ type: "fixed", value: "ON_DEMAND_AZURE" });
  });
});
