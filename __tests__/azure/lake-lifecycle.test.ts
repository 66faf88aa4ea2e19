import { LakeLifecycle, layerTiering } from "../../constructs/azure/lake-lifecycle";
import { azureEnv } from "../fixtures/platform";
import { only, synthStack } from "./synth";

describe("layerTiering", () => {
  it("moves landing through cool, cold and archive and deletes it at its retention", () => {
    expect(layerTiering("landing", 400)).toStrictEqual({
      tierToCoolAfterDaysSinceModificationGreaterThan: 7,
      tierToColdAfterDaysSinceModificationGreaterThan: 30,
      tierToArchiveAfterDaysSinceModificationGreaterThan: 90,
      deleteAfterDaysSinceModificationGreaterThan: 400,
    });
  });

  it("leaves out tiers that would only start after the retention", () => {
    expect(layerTiering("landing", 30)).toStrictEqual({
      tierToCoolAfterDaysSinceModificationGreaterThan: 7,
      deleteAfterDaysSinceModificationGreaterThan: 30,
    });
    expect(layerTiering("landing", 7)).toStrictEqual({ deleteAfterDaysSinceModificationGreaterThan: 7 });
  });

  it("tiers bronze to online tiers only and never deletes Delta files by age", () => {
    expect(layerTiering("bronze", 365)).toStrictEqual({
      tierToCoolAfterDaysSinceModificationGreaterThan: 30,
      tierToColdAfterDaysSinceModificationGreaterThan: 90,
    });
    expect(layerTiering("bronze", 30)).toBeUndefined();
  });

  it("keeps silver and gold hot", () => {
    expect(layerTiering("silver", 730)).toBeUndefined();
    expect(layerTiering("gold", 1825)).toBeUndefined();
  });
});

describe("LakeLifecycle", () => {
  const policyFor = (retentionDays: ReturnType<typeof azureEnv>["retentionDays"]) =>
    only(synthStack((s) => new LakeLifecycle(s, "lifecycle", { storageAccountId: "account-id", retentionDays })), "azurerm_storage_management_policy");

  it("has a rule per layer with something to do, matched on the layer's container, following the prod retention", () => {
    const prod = azureEnv("prod").retentionDays;
    const policy = policyFor(prod);
    expect(policy.storage_account_id).toBe("account-id");
    expect(policy.rule).toStrictEqual([
      {
        name: "landing",
        enabled: true,
        filters: { blob_types: ["blockBlob"], prefix_match: ["landing/"] },
        actions: {
          base_blob: {
            tier_to_cool_after_days_since_modification_greater_than: 7,
            delete_after_days_since_modification_greater_than: prod.landing,
          },
        },
      },
      {
        name: "bronze",
        enabled: true,
        filters: { blob_types: ["blockBlob"], prefix_match: ["bronze/"] },
        actions: {
          base_blob: {
            tier_to_cool_after_days_since_modification_greater_than: 30,
            tier_to_cold_after_days_since_modification_greater_than: 90,
          },
        },
      },
    ]);
  });

  it("deletes dev landing files at dev's shorter retention", () => {
    const dev = azureEnv("dev").retentionDays;
    const rules = policyFor(dev).rule as Array<{ name: string; actions: unknown }>;
    expect(rules.map((r) => r.name)).toStrictEqual(["landing"]);
    expect(rules[0].actions).toStrictEqual({ base_blob: { delete_after_days_since_modification_greater_than: dev.landing } });
  });
});
