import { z } from "zod";
import { positiveInt } from "./common";
import { databricksUuid } from "./ids";

/**
 * Disaster recovery of one environment: a passive copy in a second region. The lake is replicated
 * by the cloud (S3 replication on AWS, geo-zone-redundant storage on Azure), the tables by a
 * table-sync job that deep-clones bronze, silver and gold into the secondary's catalog on a
 * schedule derived from the RPO (platform/dr.ts), and a secondary workspace holds the same jobs, paused.
 * docs/disaster-recovery.md is the runbook.
 */
export const drSchema = z.strictObject({
  /** The secondary region: an AWS region or an Azure location as Resource Manager spells it; not the primary's. */
  region: z.string().min(1),
  /**
   * Recovery point objective: the most recent data, in minutes, a failover may lose. The table sync's
   * interval is the longest one that, with a whole sync run, stays within it.
   */
  rpoMinutes: positiveInt,
  /** Recovery time objective: minutes from the decision to fail over to the secondary's first fresh run (docs/disaster-recovery.md). */
  rtoMinutes: positiveInt,
  /**
   * The table-sync task's timeout, the bound on one sync run (the clones are incremental: a run
   * copies what changed since the last one). @default 30
   */
  syncTimeoutMinutes: z.number().int().min(5).max(720).default(30),
  /**
   * The Unity Catalog metastore of the secondary region (one per region per account). Existing,
   * because the primary shares its tables to it by its global id before the secondary stack exists.
   */
  metastoreId: databricksUuid,
  /**
   * The primary's Delta Sharing provider as the secondary's metastore names it. Databricks-to-Databricks
   * sharing creates that provider object when the primary's recipient (this metastore) is created, so it
   * is known after the primary's first deploy: `databricks providers list` on a workspace of this metastore.
   * The secondary mounts the primary's share through it (docs/disaster-recovery.md).
   */
  shareProviderName: z.string().min(1),
  /**
   * Availability zones of the secondary region for the secondary workspace's VPC (AWS environments
   * with a customer-managed network: the primary's zones lie in the primary region).
   * @default none (required when the primary has aws.network)
   */
  availabilityZones: z.array(z.string().min(1)).min(2).optional(),
  /**
   * The secondary's customer-managed key, in a Key Vault of the secondary region (Azure environments
   * whose primary has azure.customerManagedKey: the primary's vault is in the region the secondary stands in for).
   * @default none (required when the primary has one)
   */
  customerManagedKey: z.strictObject({ keyVaultId: z.string().min(1), keyName: z.string().min(1) }).optional(),
});
export type DrSpec = z.output<typeof drSchema>;
