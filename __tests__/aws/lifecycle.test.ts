import { RECOVERY_DAYS, layerLifecycle, lifecycleRules, logLifecycle } from "../../constructs/aws/lifecycle";
import { awsEnv } from "../fixtures/platform";

const prod = awsEnv("prod").retentionDays; // landing 30, bronze 365, silver 730, gold 1825
const dev = awsEnv("dev").retentionDays; // landing 7, bronze 30, silver 30, gold 60

describe("layerLifecycle", () => {
  it("expires landing files at the landing retention and tiers them only when they live past a tier", () => {
    expect(layerLifecycle("landing", prod)).toStrictEqual({ tierWithinDays: 30, expireAfterDays: 30, noncurrentDays: 30 });
  });

  it("never expires current objects of the Delta layers: retention there is the table's DELETE + VACUUM", () => {
    for (const layer of ["bronze", "silver", "gold"] as const) {
      expect(layerLifecycle(layer, prod).expireAfterDays).toBeUndefined();
      expect(layerLifecycle(layer, prod).noncurrentDays).toBe(prod[layer]);
    }
  });

  it("tiers bronze down within its retention, keeps silver and gold in S3 Standard", () => {
    expect(layerLifecycle("bronze", prod)).toStrictEqual({ tierWithinDays: 365, noncurrentDays: 365 });
    expect(layerLifecycle("silver", prod)).toStrictEqual({ noncurrentDays: 730 });
    expect(layerLifecycle("gold", dev)).toStrictEqual({ noncurrentDays: 60 });
  });
});

describe("lifecycleRules", () => {
  it("moves to Standard-IA at 30 days and Glacier IR at 90 before expiry, expires noncurrent versions and aborts stale uploads", () => {
    expect(lifecycleRules({ tierWithinDays: 365, expireAfterDays: 365, noncurrentDays: 60 })).toStrictEqual([
      {
        id: "retention",
        status: "Enabled",
        filter: [{ prefix: "" }],
        transition: [
          { days: 30, storageClass: "STANDARD_IA" },
          { days: 90, storageClass: "GLACIER_IR" },
        ],
        expiration: [{ days: 365 }],
        noncurrentVersionExpiration: [{ noncurrentDays: 60 }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
      },
    ]);
  });

  it("skips tiers the data does not outlive", () => {
    expect(lifecycleRules({ tierWithinDays: 90, expireAfterDays: 90, noncurrentDays: 1 })[0].transition).toStrictEqual([
      { days: 30, storageClass: "STANDARD_IA" },
    ]);
    expect(lifecycleRules({ tierWithinDays: 30, expireAfterDays: 30, noncurrentDays: 1 })[0].transition).toBeUndefined();
  });

  it("sets no transition and no expiration for data that stays in Standard until its owner removes it", () => {
    const [rule] = lifecycleRules({ noncurrentDays: 730 });
    expect(rule.transition).toBeUndefined();
    expect(rule.expiration).toBeUndefined();
    expect(rule.noncurrentVersionExpiration).toStrictEqual([{ noncurrentDays: 730 }]);
  });
});

describe("logLifecycle", () => {
  it("keeps logs as long as the longest-lived layer, tiered, with the recovery window for deletions", () => {
    expect(logLifecycle(prod)).toStrictEqual({ tierWithinDays: 1825, expireAfterDays: 1825, noncurrentDays: RECOVERY_DAYS });
    expect(logLifecycle(dev).expireAfterDays).toBe(60);
  });
});
