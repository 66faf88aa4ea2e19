import * as fs from "node:fs";
import * as path from "node:path";
import { Catalog } from "@cdktf/provider-databricks/lib/catalog";
import { Grants } from "@cdktf/provider-databricks/lib/grants";
import { Job } from "@cdktf/provider-databricks/lib/job";
import { Notebook } from "@cdktf/provider-databricks/lib/notebook";
import type { Directory } from "@cdktf/provider-databricks/lib/directory";
import { AssetType, type ITerraformDependable, TerraformAsset } from "cdktf";
import { Construct } from "constructs";
import { tableSyncNotebook } from "../../jobs/table-sync";
import * as naming from "../../naming";
import { drShareName, primaryShareCatalogName, TABLE_SYNC_NOTEBOOK, TABLE_SYNC_TASK_KEY, tableSyncJobName, tableSyncNotebookPath } from "../../naming/dr";
import type { EnvironmentSpec, Platform } from "../../platform";
import { syncIntervalMinutes, syncQuartzCron } from "../../platform/dr";
import type { CloudFoundation } from "../cloud/foundation";
import { jobCluster } from "./pipeline-job";

export interface TableSyncProps {
  readonly platform: Platform;
  /** The secondary this stack deploys, and the primary it copies. */
  readonly secondary: EnvironmentSpec;
  readonly primary: EnvironmentSpec;
  readonly foundation: CloudFoundation;
  /** The secondary's catalog: the clones' target. */
  readonly catalogName: string;
  /** The environment's workspace folder: the notebook goes in it and inherits its permissions. */
  readonly folder: Directory;
  /** Scratch folder the notebook is written to, where TerraformAsset picks it up at synth. */
  readonly notebookDir: string;
  readonly policyId: string;
  readonly instancePoolId?: string;
  readonly driverInstancePoolId?: string;
  readonly runAs: string;
  /** The metastore assignment (the shared catalog needs the metastore) and the run-as principal's workspace assignment. */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * The secondary's table sync: the primary's share (constructs/databricks/dr-share.ts) mounted as a
 * read-only catalog, and a job that deep-clones every table from it into the secondary's catalog
 * (jobs/table-sync.ts) every `syncIntervalMinutes` (platform/dr.ts). It runs while the secondary is
 * passive, and a failover pauses it (docs/disaster-recovery.md). One run at a time and no queue: a
 * run still going when the next is due makes the scheduler skip that one, never stack them.
 */
export class TableSync extends Construct {
  readonly job: Job;

  constructor(scope: Construct, id: string, props: TableSyncProps) {
    super(scope, id);
    const { platform, primary, secondary, foundation } = props;
    const provider = foundation.workspaceProvider;
    const dr = primary.dr;
    const interval = dr && syncIntervalMinutes(dr);
    if (!dr || interval === undefined) throw new Error(`${naming.stackName(primary)} has no dr block with a sync interval (validation guarantees one)`);
    const primaryRef = naming.envRef(platform, primary);
    const ref = naming.envRef(platform, secondary);

    const source = new Catalog(this, "primary_share", {
      provider,
      name: primaryShareCatalogName(primaryRef),
      comment: `${naming.stackName(primary)}'s tables, shared for the disaster-recovery table sync (read-only)`,
      providerName: dr.shareProviderName,
      shareName: drShareName(primaryRef),
      dependsOn: props.dependsOn,
    });
    // What the clones read: a shared catalog takes only these (https://docs.databricks.com/aws/en/delta-sharing/read-data-databricks).
    new Grants(this, "primary_share_grants", {
      provider,
      catalog: source.name,
      grant: [{ principal: props.runAs, privileges: ["SELECT", "USE_CATALOG", "USE_SCHEMA"] }],
    });

    const file = path.join(props.notebookDir, "dr", `${TABLE_SYNC_NOTEBOOK}.sql`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, tableSyncNotebook(platform, primary, primaryShareCatalogName(primaryRef), props.catalogName));
    const asset = new TerraformAsset(this, "notebook_file", { path: file, type: AssetType.FILE });
    const notebook = new Notebook(this, "notebook", {
      provider,
      path: tableSyncNotebookPath(ref),
      language: "SQL",
      source: asset.path,
      dependsOn: [props.folder],
    });

    const { notifications } = secondary;
    const webhooks = notifications.webhookDestinationIds.map((destination) => ({ id: destination }));
    this.job = new Job(this, "job", {
      provider,
      name: tableSyncJobName(ref),
      tags: { ...platform.tags },
      jobCluster: [{ jobClusterKey: naming.JOB_CLUSTER_KEY, newCluster: jobCluster({ ...props, environment: secondary, tags: platform.tags }) }],
      task: [
        {
          taskKey: TABLE_SYNC_TASK_KEY,
          jobClusterKey: naming.JOB_CLUSTER_KEY,
          notebookTask: { notebookPath: notebook.path },
          // One retry for a transient failure, not for a timeout; the job's own timeout below bounds both attempts.
          timeoutSeconds: dr.syncTimeoutMinutes * 60,
          maxRetries: 1,
          minRetryIntervalMillis: 60_000,
          retryOnTimeout: false,
          emailNotifications: notifications.emails.length > 0 ? { onFailure: [...notifications.emails] } : undefined,
          webhookNotifications: webhooks.length > 0 ? { onFailure: webhooks } : undefined,
        },
      ],
      schedule: { quartzCronExpression: syncQuartzCron(interval), timezoneId: "UTC", pauseStatus: "UNPAUSED" },
      // The RPO counts one run of at most this long, retries included (platform/dr.ts guaranteedRpoMinutes).
      timeoutSeconds: dr.syncTimeoutMinutes * 60,
      maxConcurrentRuns: 1,
      queue: { enabled: false },
      emailNotifications: notifications.emails.length > 0 ? { onFailure: [...notifications.emails] } : undefined,
      webhookNotifications: webhooks.length > 0 ? { onFailure: webhooks } : undefined,
      runAs: { servicePrincipalName: props.runAs },
      dependsOn: [notebook, ...props.dependsOn],
    });
  }
}
