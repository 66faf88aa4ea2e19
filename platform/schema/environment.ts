import { z } from "zod";
import { computeSchema } from "./compute";
import { deploySchema } from "./deploy";
import { drSchema } from "./dr";
import { greatExpectationsSchema } from "./expectations";
import { databricksUuid } from "./ids";
import { observabilitySchema } from "./observability";
import { airflowSchema, orchestratorSchema } from "./orchestration";
import { notificationsSchema, retentionSchema, scheduleSchema, taskPolicySchema } from "./schedule";
import { triggerFields } from "./trigger";
import { awsSecurityFields, environmentSecurityFields } from "./workspace-security";

/** An existing metastore is reused by id; otherwise one is created in the environment's region. */
export const metastoreSchema = z.union([
  z.strictObject({ existingId: databricksUuid }),
  z.strictObject({ create: z.strictObject({ name: z.string().min(1).optional() }) }),
]);
export type MetastoreSpec = z.output<typeof metastoreSchema>;

const awsNetworkSchema = z.strictObject({
  /** CIDR of the customer-managed VPC. */
  vpcCidr: z.string(),
  /** At least two private subnets in different availability zones (Databricks requires two). */
  privateSubnetCidrs: z.array(z.string()).min(2),
  /** Availability zones for the private subnets, in the same order. */
  availabilityZones: z.array(z.string().min(1)).min(2),
});

export const awsEnvironmentSchema = z.strictObject({
  /** The 12-digit AWS account id the environment deploys into. */
  accountId: z.string().regex(/^\d{12}$/, "expected a 12-digit AWS account id"),
  region: z.string().regex(/^[a-z]{2}(?:-gov)?-[a-z]+-\d$/, 'expected an AWS region such as "eu-west-1"'),
  /** Customer-managed VPC for the workspace; Databricks-managed networking when omitted. */
  network: awsNetworkSchema.optional(),
  /** Remote state: an S3 bucket (versioned, one per account) with encryption and S3-native locking. */
  state: z.strictObject({
    bucket: z.string().min(3),
    /**
     * DynamoDB lock table, only while migrating to S3-native locking (Terraform then takes both locks).
     * @default no DynamoDB lock: `use_lockfile` alone
     */
    dynamodbTable: z.string().min(3).optional(),
    region: z.string().min(1).optional(),
    keyPrefix: z.string().min(1).default("lakehouse"),
  }),
  ...awsSecurityFields,
});
export type AwsEnvironmentSpec = z.output<typeof awsEnvironmentSchema>;

export const azureEnvironmentSchema = z.strictObject({
  subscriptionId: z.uuid(),
  tenantId: z.uuid(),
  /** Azure region name as ARM spells it, e.g. "westeurope". */
  location: z.string().min(1),
  /** Lake storage account name override; derived from prefix and environment when omitted. */
  storageAccountName: z.string().optional(),
  network: z.strictObject({
    vnetCidr: z.string(),
    /** The "public"/host subnet delegated to Databricks. */
    hostSubnetCidr: z.string(),
    /** The "private"/container subnet delegated to Databricks. */
    containerSubnetCidr: z.string(),
    /**
     * Subnet for the workspace's Private Link endpoints (UI/API and browser authentication).
     * Required when publicNetworkAccess is false: without them nothing can reach the workspace.
     * @default no private endpoints
     */
    privateEndpointSubnetCidr: z.string().optional(),
  }),
  /** Whether the workspace front end is reachable from the internet; false needs privateEndpointSubnetCidr. */
  publicNetworkAccess: z.boolean().default(true),
  /** Customer-managed key for lake storage, workspace managed services and the DBFS root. Microsoft-managed keys when omitted. */
  customerManagedKey: z
    .strictObject({ keyVaultId: z.string().min(1), keyName: z.string().min(1) })
    .optional(),
  state: z.strictObject({
    resourceGroupName: z.string().min(1),
    storageAccountName: z.string().min(3),
    containerName: z.string().min(3),
    keyPrefix: z.string().min(1).default("lakehouse"),
  }),
});
export type AzureEnvironmentSpec = z.output<typeof azureEnvironmentSchema>;

const environmentBase = {
  /** Environment name, e.g. dev, staging, prod. Combined with the cloud it names the stack: aws-dev. */
  name: z.string().regex(/^[a-z][a-z0-9]{0,11}$/, "expected a lower-case name of 1-12 letters/digits"),
  /** The Databricks account id (account console) that owns the workspace. */
  databricksAccountId: databricksUuid,
  metastore: metastoreSchema,
  compute: computeSchema,
  schedule: scheduleSchema,
  /** What starts the pipeline job: its schedule, a file arriving in landing, or continuously (platform/schema/trigger.ts). */
  ...triggerFields,
  /**
   * Days each layer keeps its data.
   * @default { landing: 30, bronze: 365, silver: 730, gold: 1825 } (each layer on its own)
   */
  retentionDays: retentionSchema.prefault({}),
  /** Who hears of failures and slow runs: no default, a job must notify someone (an e-mail or a destination). */
  notifications: notificationsSchema,
  tasks: taskPolicySchema.default({ maxRetries: 2, minRetryIntervalMillis: 60_000, retryOnTimeout: true, timeoutSeconds: 3600 }),
  deploy: deploySchema,
  ...environmentSecurityFields,
  /** SQL warehouse, alert cadence and budgets (platform/schema/observability.ts). */
  observability: observabilitySchema.prefault({}),
  /** A Great Expectations validation task in this environment's job (platform/schema/expectations.ts). */
  greatExpectations: greatExpectationsSchema.prefault({}),
  /** How this environment's job builds gold. */
  gold: z
    .strictObject({
      /**
       * "sql": a notebook per aggregate runs its query (lakehouse_runtime.gold); "dbt": one dbt task
       * runs the generated dbt project (jobs/dbt-project.ts: the same queries as models, with data
       * tests) on the environment's SQL warehouse, in place of those notebooks. @default "sql"
       */
      engine: z.enum(["sql", "dbt"]).default("sql"),
    })
    .prefault({}),
  /** Who triggers the pipeline job: Databricks' scheduler, or Airflow through a generated DAG. */
  orchestrator: orchestratorSchema.default("databricks"),
  /** The generated DAG's connection, retries and timeout (platform/schema/orchestration.ts). */
  airflow: airflowSchema.prefault({}),
  /**
   * Machine learning in this environment: an ml schema, an MLflow experiment and the spec's models
   * registered in Unity Catalog (platform `ml`).
   */
  ml: z.boolean().default(false),
  /** A passive secondary in another region (platform/schema/dr.ts). @default none */
  dr: drSchema.optional(),
} as const;

export const environmentSchema = z.discriminatedUnion("cloud", [
  z.strictObject({ ...environmentBase, cloud: z.literal("aws"), aws: awsEnvironmentSchema }),
  z.strictObject({ ...environmentBase, cloud: z.literal("azure"), azure: azureEnvironmentSchema }),
]);
export type EnvironmentSpec = z.output<typeof environmentSchema>;
export type AwsEnvironment = Extract<EnvironmentSpec, { cloud: "aws" }>;
export type AzureEnvironment = Extract<EnvironmentSpec, { cloud: "azure" }>;
