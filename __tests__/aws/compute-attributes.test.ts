import { awsComputeAttributes } from "../../constructs/aws/compute-attributes";
import { awsEnv } from "../fixtures/platform";

const compute = awsEnv("prod").compute; // spot on, fallback on, firstOnDemand 1, bid 100 (default)

describe("awsComputeAttributes", () => {
  it("runs job clusters on spot with fallback, the driver on demand, in the zone AWS has capacity in", () => {
    expect(awsComputeAttributes(compute).jobCluster).toStrictEqual({
      awsAttributes: { availability: "SPOT_WITH_FALLBACK", firstOnDemand: 1, spotBidPricePercent: 100, zoneId: "auto" },
    });
  });

  it("fills instance pools with spot instances at the same bid", () => {
    expect(awsComputeAttributes(compute).instancePool).toStrictEqual({ awsAttributes: { availability: "SPOT", spotBidPricePercent: 100 } });
  });

  it("fills the driver pool beside a spot pool with on-demand instances", () => {
    expect(awsComputeAttributes(compute).driverInstancePool).toStrictEqual({ awsAttributes: { availability: "ON_DEMAND" } });
  });

  it("pins the same settings in the cluster policy", () => {
    expect(awsComputeAttributes(compute).policyRules).toStrictEqual({
      "aws_attributes.availability": { type: "fixed", value: "SPOT_WITH_FALLBACK" },
      "aws_attributes.first_on_demand": { type: "range", minValue: 1 },
      "aws_attributes.spot_bid_price_percent": { type: "range", maxValue: 100 },
    });
  });

  it("uses plain spot when the spec turns the fallback off", () => {
    const attrs = awsComputeAttributes({ ...compute, spot: { ...compute.spot, fallbackToOnDemand: false, firstOnDemand: 2, bidPricePercent: 80 } });
    expect(attrs.jobCluster.awsAttributes).toStrictEqual({ availability: "SPOT", firstOnDemand: 2, spotBidPricePercent: 80, zoneId: "auto" });
    expect(attrs.policyRules["aws_attributes.availability"]).toStrictEqual({ type: "fixed", value: "SPOT" });
  });

  it("runs everything on demand when spot is off", () => {
    const attrs = awsComputeAttributes({ ...compute, spot: { ...compute.spot, enabled: false } });
    expect(attrs).toStrictEqual({
      jobCluster: { awsAttributes: { availability: "ON_DEMAND", zoneId: "auto" } },
      instancePool: { awsAttributes: { availability: "ON_DEMAND" } },
      driverInstancePool: { awsAttributes: { availability: "ON_DEMAND" } },
      policyRules: { "aws_attributes.availability": { type: "fixed", value: "ON_DEMAND" } },
    });
  });
});
