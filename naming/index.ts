/**
 * The one place that builds names: catalogs, schemas, tables, storage, paths, task keys, notebook
 * paths. Terraform constructs and the notebook emitters both call these, so a table the job writes
 * is always the table the grants and the outputs name. Pure functions; no cdktf, no cloud SDK.
 */
import type { DatasetSpec, EnvironmentSpec, GoldAggregateSpec, Layer, Platform, TableLayer } from "../platform/schema";

/** Identifies one deployed environment: the stack `${cloud}-${name}`. */
export interface EnvRef {
  readonly prefix: string;
  readonly env: Pick<EnvironmentSpec, "name" | "cloud">;
}

export const envRef = (platform: Pick<Platform, "prefix">, env: Pick<EnvironmentSpec, "name" | "cloud">): EnvRef => ({
  prefix: platform.prefix,
  env,
});

/** The stack id users pass to `cdktf deploy`: aws-dev, azure-prod. */
export const stackName = (env: Pick<EnvironmentSpec, "name" | "cloud">) => `${env.cloud}-${env.name}`;

// ---- Unity Catalog -------------------------------------------------------------------------

/** One catalog per environment (rtl_dev): grants and the blast radius stay per environment. */
export const catalogName = (r: EnvRef) => `${r.prefix}_${r.env.name}`;
/** One schema per table layer inside the environment catalog. */
export const schemaName = (layer: TableLayer) => layer;
export const bronzeTable = (ds: Pick<DatasetSpec, "name">) => ds.name;
export const silverTable = (ds: Pick<DatasetSpec, "name">) => ds.name;
export const quarantineTable = (ds: Pick<DatasetSpec, "name">) => `${ds.name}_quarantine`;
/** One row per (run, dataset, rule): the quality history lives beside silver. */
export const QUALITY_RESULTS_TABLE = "quality_results";
export const goldTable = (g: Pick<GoldAggregateSpec, "name">) => g.name;
/** catalog.schema.table, as SQL and Spark take it. */
export const qualified = (catalog: string, layer: TableLayer, table: string) => `${catalog}.${schemaName(layer)}.${table}`;

// ---- Storage -------------------------------------------------------------------------------

/** Names a per-environment storage thing: rtl-dev-bronze. */
export const resourceName = (r: EnvRef, ...parts: string[]) => [r.prefix, r.env.name, ...parts].join("-");

/**
 * S3 bucket per layer. Bucket names are global, so the account id is part of the name.
 * @example s3BucketName(ref, "bronze", "123456789012") === "rtl-dev-bronze-123456789012"
 */
export const s3BucketName = (r: EnvRef, purpose: Layer | "logs" | "root" | "audit", accountId: string) =>
  `${resourceName(r, purpose)}-${accountId}`;

/** ADLS Gen2 storage account: 3-24 lower-case letters and digits, globally unique. */
export const adlsAccountName = (r: EnvRef) => `${r.prefix}${r.env.name}lake`.slice(0, 24);
/** One ADLS Gen2 filesystem (container) per layer. */
export const adlsContainerName = (layer: Layer) => layer;

/**
 * A layer's root URL as the cloud foundations build it (constructs/aws/aws-foundation.ts, constructs/azure/adls-lake.ts),
 * as plain text for what is written beside the stacks (the Airflow DAGs): s3://bucket or abfss://layer@account.dfs.core.windows.net/.
 */
export const lakeLayerUrl = (r: EnvRef, env: EnvironmentSpec, layer: Layer) =>
  env.cloud === "aws"
    ? `s3://${s3BucketName(r, layer, env.aws.accountId)}`
    : `abfss://${adlsContainerName(layer)}@${azureLakeAccountName(r, env.azure.storageAccountName)}.dfs.core.windows.net/`;
/** What a file arrival trigger watches: the landing location's root, ending in "/" as the Jobs API's file_arrival.url takes a folder. */
export const fileArrivalUrl = (landingRoot: string) => `${trimSlash(landingRoot)}/`;
/** Landing files of one dataset, under the landing location's root URL. */
export const landingPath = (landingRoot: string, ds: Pick<DatasetSpec, "name" | "source">) =>
  `${trimSlash(landingRoot)}/${ds.source.folder ?? ds.name}`;
/** Streaming checkpoint (and Auto Loader schema location) of one bronze table. */
export const checkpointPath = (bronzeRoot: string, ds: Pick<DatasetSpec, "name">) => `${trimSlash(bronzeRoot)}/_checkpoints/${ds.name}`;
/** Managed storage root of a layer's schema inside the layer's location. */
export const schemaStorageRoot = (layerRoot: string) => `${trimSlash(layerRoot)}/managed`;

const trimSlash = (s: string) => s.replace(/\/+$/, "");

// ---- Jobs and notebooks ---------------------------------------------------------------------

export const bronzeTaskKey = (ds: Pick<DatasetSpec, "name">) => `bronze_${ds.name}`;
export const silverTaskKey = (ds: Pick<DatasetSpec, "name">) => `silver_${ds.name}`;
export const goldTaskKey = (g: Pick<GoldAggregateSpec, "name">) => `gold_${g.name}`;
export const MAINTENANCE_TASK_KEY = "maintenance";
export const JOB_CLUSTER_KEY = "pipeline";

/**
 * Workspace folder holding one environment's notebooks, runtime, suites and dbt project: at the workspace root, where
 * only workspace admins (the deployer) create objects, and not under /Shared, where every user has Can Manage and
 * could edit code that runs as the job's run-as principal
 * (https://docs.databricks.com/aws/en/security/auth/access-control#folder-permissions). Its permissions are explicit
 * (constructs/databricks/pipeline-notebooks.ts).
 */
export const workspaceFolder = (r: EnvRef) => `/${r.prefix}/${r.env.name}`;
/** A notebook's file name in the synth output and its name in the workspace. */
export const notebookName = (layer: TableLayer | "maintenance" | "governance" | "validation" | "training" | "scoring", name: string) => `${layer}_${name}`;
export const notebookPath = (r: EnvRef, layer: TableLayer | "maintenance", name: string) =>
  `${workspaceFolder(r)}/${notebookName(layer, name)}`;

export const jobName = (r: EnvRef) => `${r.prefix}-${r.env.name}-pipeline`;
/** A continuous environment's second job: gold, maintenance, governance, validation and training, after silver's updates. */
export const downstreamJobName = (r: EnvRef) => `${r.prefix}-${r.env.name}-downstream`;
export const clusterPolicyName = (r: EnvRef) => `${r.prefix}-${r.env.name}-jobs`;
export const instancePoolName = (r: EnvRef) => `${r.prefix}-${r.env.name}-pool`;
/** The on-demand pool drivers come from when workers come from a spot pool: rtl-prod-driver-pool. */
export const driverInstancePoolName = (r: EnvRef) => `${r.prefix}-${r.env.name}-driver-pool`;

// ---- AWS identity and account configurations -----------------------------------------------

/** What an IAM role (and its policy) of one environment is for. */
export type AwsRolePurpose = "cross-account" | "unity-catalog" | "log-delivery" | "replication";
/** IAM role of one environment: rtl-dev-unity-catalog. Role ARNs are built from it before the role exists. */
export const iamRoleName = (r: EnvRef, purpose: AwsRolePurpose) => resourceName(r, purpose);
/** KMS alias of a lake layer's key (or the audit bucket's, or a workspace key's): alias/rtl-dev-bronze. */
export const kmsAliasName = (r: EnvRef, purpose: Layer | "audit" | "managed-services" | "workspace-storage") => `alias/${resourceName(r, purpose)}`;
/** Databricks account-level configurations (credentials, storage, network) of one environment: rtl-dev-root-storage. */
export const mwsConfigName = (
  r: EnvRef,
  kind: "credentials" | "root-storage" | "network" | "log-credentials" | "log-storage" | "audit-logs" | "private-access" | "rest-api-endpoint" | "relay-endpoint",
) =>
  resourceName(r, kind);

// ---- Unity Catalog securables of one environment ----------------------------------------------

/** A metastore the spec asks us to create without naming it. */
export const metastoreName = (r: EnvRef) => resourceName(r, "metastore");
/** Underscores, not hyphens: these names appear unquoted in GRANT statements. */
export const storageCredentialName = (r: EnvRef) => `${r.prefix}_${r.env.name}_lake`;
export const externalLocationName = (r: EnvRef, layer: Layer) => `${r.prefix}_${r.env.name}_${layer}`;
/** Managed storage of the catalog itself (its `default` schema), beside the layer schemas' roots. */
export const catalogStorageRoot = (layerRoot: string) => `${trimSlash(layerRoot)}/catalog`;
/** A notebook's workspace path from its notebook name (naming.notebookName), as a PipelineTask carries it. */
export const workspaceNotebookPath = (r: EnvRef, notebookName: string) => `${workspaceFolder(r)}/${notebookName}`;

/** The lake storage account of an Azure environment: the spec's override, else derived from prefix and environment. */
export const azureLakeAccountName = (r: EnvRef, override?: string) => override ?? adlsAccountName(r);

// ---- Azure Private Link ----------------------------------------------------------------------

/** The private DNS zone Azure Databricks resolves its Private Link endpoints in: UI/API and browser authentication alike. */
export const AZURE_DATABRICKS_PRIVATE_DNS_ZONE = "privatelink.azuredatabricks.net";
/** Subnet holding an Azure workspace's private endpoints, named like the VNet's host and container subnets: rtl-prod-vnet-private-link. */
export const azurePrivateLinkSubnetName = (r: EnvRef) => resourceName(r, "vnet", "private-link");
/** The private DNS zone a storage sub-resource's private endpoints resolve in: privatelink.dfs.core.windows.net. */
export const azureStoragePrivateDnsZone = (subresource: "dfs" | "blob") => `privatelink.${subresource}.core.windows.net`;
/** Network security group of the private-link subnet, named after it: rtl-prod-vnet-private-link-nsg. */
export const azurePrivateLinkNsgName = (r: EnvRef) => `${azurePrivateLinkSubnetName(r)}-nsg`;
