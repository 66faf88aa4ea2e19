/** The lakehouse rule pack: which rules run. It only composes; each rule lives in its own file. */
import type { Rule } from "../rule";
import { autoTermination } from "../rules/auto-termination";
import { azureStorageEncryption } from "../rules/azure-storage-encryption";
import { azureStoragePublicAccess } from "../rules/azure-storage-public-access";
import { azureStorageTls } from "../rules/azure-storage-tls";
import { databricksProvider } from "../rules/databricks-provider";
import { governedTableCompute } from "../rules/governed-table-compute";
import { jobNotifications } from "../rules/job-notifications";
import { jobRetriesTimeouts } from "../rules/job-retries-timeouts";
import { oneTrigger } from "../rules/one-trigger";
import { s3Encryption } from "../rules/s3-encryption";
import { s3PublicAccess } from "../rules/s3-public-access";
import { s3Tls } from "../rules/s3-tls";
import { s3Versioning } from "../rules/s3-versioning";
import { singleScheduler } from "../rules/single-scheduler";
import { spotFallback } from "../rules/spot-fallback";
import { tagsPresent } from "../rules/tags-present";
import { workspaceCmk } from "../rules/workspace-cmk";
import { workspaceHardening } from "../rules/workspace-hardening";
import type { RequirementsByStack } from "../workspace-requirements";

export interface LakehousePackOptions {
  /** Tag keys every taggable AWS/Azure resource must carry (the platform's tags). */
  readonly requiredTags: readonly string[];
  /**
   * What each stack's spec asks of its workspace (CMKs, hardening), by stack name.
   * @default none: every workspace is held to BASELINE_REQUIREMENTS
   */
  readonly workspaces?: RequirementsByStack;
  /**
   * The platform has tables with column masks or row filters, which only some compute can write.
   * @default false
   */
  readonly governedTables?: boolean;
  /**
   * The job Airflow triggers in each stack that has one (stack name -> job name): its own schedule must be paused.
   * @default none
   */
  readonly airflowJobs?: Readonly<Record<string, string>>;
}

export function lakehousePack(options: LakehousePackOptions): Rule[] {
  return [
    s3Encryption,
    azureStorageEncryption,
    s3PublicAccess,
    azureStoragePublicAccess,
    s3Tls,
    azureStorageTls,
    s3Versioning,
    tagsPresent(options.requiredTags),
    autoTermination,
    spotFallback,
    jobRetriesTimeouts,
    jobNotifications,
    databricksProvider,
    workspaceCmk(options.workspaces ?? {}),
    workspaceHardening(options.workspaces ?? {}),
    governedTableCompute(options.governedTables ?? false),
    singleScheduler(options.airflowJobs ?? {}),
    oneTrigger,
  ];
}
