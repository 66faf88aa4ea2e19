import type { Problem } from "../problem";
import { type Platform, TABLE_LAYERS } from "../schema";
import type { SpecRule } from "./rule";

/**
 * The shortest retention VACUUM may keep: Delta's retention check (spark.databricks.delta.retentionDurationCheck.enabled)
 * refuses less than 7 days by default, and Databricks warns that a shorter one can delete files concurrent
 * readers and writers still use, failing them or corrupting the table:
 * https://docs.databricks.com/aws/en/sql/language-manual/delta-vacuum
 */
export const MIN_TABLE_RETENTION_DAYS = 7;

/** Each table layer's retention is one VACUUM can honour. Landing is files under a lifecycle rule, not Delta. */
export const retentionRules: SpecRule = (p: Platform) =>
  p.environments.flatMap((env, i) =>
    TABLE_LAYERS.flatMap((layer): Problem[] => {
      const days = env.retentionDays[layer];
      return days >= MIN_TABLE_RETENTION_DAYS
        ? []
        : [{
            path: `environments[${i}].retentionDays.${layer}`,
            value: days,
            message: `must be at least ${MIN_TABLE_RETENTION_DAYS} days: maintenance VACUUMs the ${layer} tables with this retention, and Delta's retention check refuses less than ${MIN_TABLE_RETENTION_DAYS} days, since a running reader or writer may still use the files it would delete`,
          }];
    }),
  );
