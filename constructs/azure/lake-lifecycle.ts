import { StorageManagementPolicy, type StorageManagementPolicyRuleActionsBaseBlob } from "@cdktf/provider-azurerm/lib/storage-management-policy";
import { Construct } from "constructs";
import { adlsContainerName } from "../../naming";
import { LAYERS, type Layer, type RetentionSpec } from "../../platform";

/**
 * Days since last modification after which a layer's blobs move to a colder tier. Landing holds raw
 * files Auto Loader reads once, so it goes all the way to archive. Bronze holds Delta tables that a
 * replay reads again, so it stops at cold (archive is offline: Delta could not read it). Silver and
 * gold are queried, so they stay hot.
 */
const TIERS: Readonly<Record<Layer, Partial<Record<"cool" | "cold" | "archive", number>>>> = {
  landing: { cool: 7, cold: 30, archive: 90 },
  bronze: { cool: 30, cold: 90 },
  silver: {},
  gold: {},
};

/**
 * The base-blob actions of a layer. Only landing deletes blobs at its retention: the table layers
 * hold live Delta files that an age rule would tear out of tables; their retention is enforced in the
 * tables (delete + VACUUM). A tier that would only start after the retention is left out.
 */
export function layerTiering(layer: Layer, retentionDays: number): StorageManagementPolicyRuleActionsBaseBlob | undefined {
  const within = (days: number | undefined) => (days !== undefined && days < retentionDays ? days : undefined);
  const t = TIERS[layer];
  const actions: StorageManagementPolicyRuleActionsBaseBlob = {
    tierToCoolAfterDaysSinceModificationGreaterThan: within(t.cool),
    tierToColdAfterDaysSinceModificationGreaterThan: within(t.cold),
    tierToArchiveAfterDaysSinceModificationGreaterThan: within(t.archive),
    deleteAfterDaysSinceModificationGreaterThan: layer === "landing" ? retentionDays : undefined,
  };
  const set = Object.entries(actions).filter(([, v]) => v !== undefined);
  return set.length > 0 ? (Object.fromEntries(set) as StorageManagementPolicyRuleActionsBaseBlob) : undefined;
}

export interface LakeLifecycleProps {
  readonly storageAccountId: string;
  /** Retention per layer from the environment's spec. */
  readonly retentionDays: RetentionSpec;
}

/** One management-policy rule per layer that has something to do, matched on the layer's container. */
export class LakeLifecycle extends Construct {
  constructor(scope: Construct, id: string, props: LakeLifecycleProps) {
    super(scope, id);
    const rules = LAYERS.flatMap((layer) => {
      const baseBlob = layerTiering(layer, props.retentionDays[layer]);
      return baseBlob
        ? [{ name: layer, enabled: true, filters: { blobTypes: ["blockBlob"], prefixMatch: [`${adlsContainerName(layer)}/`] }, actions: { baseBlob } }]
        : [];
    });
    new StorageManagementPolicy(this, "policy", { storageAccountId: props.storageAccountId, rule: rules });
  }
}
