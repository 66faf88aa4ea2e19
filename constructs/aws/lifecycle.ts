/**
 * S3 lifecycle rules from a retention policy. Pure: the rules are plain provider config, so the
 * per-layer choices are testable without synthesizing a bucket.
 */
import type { S3BucketLifecycleConfigurationRule } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import type { Layer, RetentionSpec } from "../../platform";

/** Colder tiers in age order. Standard-IA bills at least 30 days, and S3 moves nothing younger into it. */
const TIERS = [
  { days: 30, storageClass: "STANDARD_IA" },
  { days: 90, storageClass: "GLACIER_IR" },
] as const;

/** Parts of an upload that never completed are billed but invisible: drop them after a week. */
const ABORT_MULTIPART_DAYS = 7;

export interface LifecyclePolicy {
  /**
   * How long current objects live. Tiers the data would only reach at or after this age are
   * skipped: they would cost the tier's minimum charge and save nothing.
   * @default undefined: objects stay in S3 Standard (data that is queried)
   */
  readonly tierWithinDays?: number;
  /**
   * Age at which S3 deletes current objects.
   * @default undefined: never; the data's owner removes it (Delta's VACUUM for table layers)
   */
  readonly expireAfterDays?: number;
  /** Days a deleted or overwritten object stays recoverable as a noncurrent version. */
  readonly noncurrentDays: number;
}

/** How long a deleted object stays recoverable in a bucket whose content has no retention of its own. */
export const RECOVERY_DAYS = 30;

/**
 * Access and audit logs: kept as long as the longest-lived data they describe, then expired;
 * rarely read, so they tier down.
 */
export function logLifecycle(retention: RetentionSpec): LifecyclePolicy {
  const days = Math.max(...Object.values(retention));
  return { tierWithinDays: days, expireAfterDays: days, noncurrentDays: RECOVERY_DAYS };
}

/**
 * The retention policy of a lake layer.
 * - landing holds raw files that bronze has ingested: they tier down and S3 expires them.
 * - bronze/silver/gold hold Delta tables. S3 must never expire their current objects: a data file
 *   still in the Delta log would vanish and the table (and bronze's stream checkpoints) break.
 *   The layer's retention is enforced by the table (DELETE + VACUUM); S3 keeps what VACUUM removed
 *   as noncurrent versions for the same retention, so an accident stays recoverable.
 * - bronze is rarely read once silver has it, so it tiers down too (Glacier IR keeps millisecond
 *   reads for a replay); silver and gold are queried and stay in Standard.
 */
export function layerLifecycle(layer: Layer, retention: RetentionSpec): LifecyclePolicy {
  const days = retention[layer];
  switch (layer) {
    case "landing":
      return { tierWithinDays: days, expireAfterDays: days, noncurrentDays: days };
    case "bronze":
      return { tierWithinDays: days, noncurrentDays: days };
    case "silver":
    case "gold":
      return { noncurrentDays: days };
  }
}

/** One whole-bucket rule carrying every action of the policy. */
export function lifecycleRules(policy: LifecyclePolicy): S3BucketLifecycleConfigurationRule[] {
  const { tierWithinDays, expireAfterDays, noncurrentDays } = policy;
  const tiers = tierWithinDays === undefined ? [] : TIERS.filter((t) => t.days < tierWithinDays);
  return [
    {
      id: "retention",
      status: "Enabled",
      filter: [{ prefix: "" }],
      transition: tiers.length === 0 ? undefined : tiers.map((t) => ({ days: t.days, storageClass: t.storageClass })),
      expiration: expireAfterDays === undefined ? undefined : [{ days: expireAfterDays }],
      noncurrentVersionExpiration: [{ noncurrentDays }],
      abortIncompleteMultipartUpload: [{ daysAfterInitiation: ABORT_MULTIPART_DAYS }],
    },
  ];
}
