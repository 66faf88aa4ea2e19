/**
 * The built-in example: a retail / e-commerce lakehouse with four datasets, three gold aggregates
 * and the same three environments on AWS and on Azure. `npm run synth` builds it with no
 * credentials; account ids and state locations come from environment variables at deploy time.
 */
import { fromEnv, type PlatformInput } from "../platform";

type EnvInput = PlatformInput["environments"][number];
type Shared = Omit<EnvInput, "cloud" | "aws" | "azure">;

const ZERO_UUID = "00000000-0000-0000-0000-000000000000";
/** The DR region's metastore placeholder: another metastore than the primary region's. */
const DR_METASTORE_PLACEHOLDER = "00000000-0000-0000-0000-0000000000d7";
const ENV_NAMES = ["dev", "staging", "prod"] as const;
type EnvName = (typeof ENV_NAMES)[number];

/** What differs between dev, staging and prod, whatever the cloud. */
function shared(name: EnvName, cloud: "AWS" | "AZURE", nodeType: string): Shared {
  const big = name === "prod";
  return {
    name,
    databricksAccountId: fromEnv(`DATABRICKS_ACCOUNT_ID_${cloud}`, ZERO_UUID),
    metastore: { existingId: fromEnv(`DATABRICKS_METASTORE_ID_${cloud}`, ZERO_UUID) },
    compute: {
      nodeType,
      minWorkers: big ? 2 : 1,
      maxWorkers: { dev: 2, staging: 4, prod: 8 }[name],
      autoTerminationMinutes: 20,
      sparkVersion: "17.3.x-scala2.13",
      spot: { enabled: true, fallbackToOnDemand: true, firstOnDemand: 1 },
      ...(big ? { instancePool: { minIdleInstances: 1, maxCapacity: 12 } } : {}),
    },
    schedule: { quartzCron: big ? "0 0 2 * * ?" : "0 30 3 * * ?", timezone: "Europe/Amsterdam" },
    retentionDays: big ? { landing: 30, bronze: 365, silver: 730, gold: 1825 } : { landing: 7, bronze: 30, silver: 30, gold: 60 },
    notifications: {
      emails: [big ? "data-oncall@example.com" : "data-platform@example.com"],
      webhookDestinationIds: big ? [fromEnv("DATABRICKS_ONCALL_DESTINATION_ID", ZERO_UUID)] : [],
      durationWarningSeconds: big ? 5400 : 3600,
    },
    security: workspaceSecurity(name),
    // Great Expectations validates silver in staging and prod; dev keeps its runs short.
    greatExpectations: { validate: name !== "dev" },
    // Staging builds gold with the generated dbt project (jobs/dbt-project.ts); dev and prod run the SQL notebooks.
    gold: { engine: name === "staging" ? "dbt" : "sql" },
    // Models are trained and registered in dev first (platform ml below).
    ml: name === "dev",
  };
}

/**
 * Hardening per environment: dev may download results and export notebooks; prod adds an IP allow
 * list (the deployer's egress must be in it), the compliance security profile and monitoring.
 */
function workspaceSecurity(name: EnvName): NonNullable<Shared["security"]> {
  if (name === "dev") return { allowResultsDownload: true, allowNotebookExport: true, maxTokenLifetimeDays: 30 };
  if (name === "staging") return { maxTokenLifetimeDays: 30 };
  return {
    maxTokenLifetimeDays: 7,
    ipAccessLists: [{ label: "corporate", action: "allow", cidrs: [fromEnv("CORPORATE_EGRESS_CIDR", "198.51.100.0/24")] }],
    complianceSecurityProfile: { standards: ["PCI_DSS"] },
    enhancedSecurityMonitoring: true,
  };
}

const octet = { dev: 10, staging: 20, prod: 30 } as const;

const awsEnvironment = (name: EnvName): EnvInput => ({
  ...shared(name, "AWS", "m5d.xlarge"),
  cloud: "aws",
  // AWS dev runs when files land (up to 500 a day, kept 7 days: 3,500 of the trigger's 10,000 files).
  ...(name === "dev" ? { trigger: "fileArrival", fileArrival: { maxFilesPerDay: 500 } } : {}),
  // The team's Airflow triggers AWS staging (synth writes cdktf.out/airflow/rtl_aws_staging_pipeline.py).
  ...(name === "staging" ? { orchestrator: "airflow", airflow: { principal: "rtl-airflow", retries: 2, runTimeoutSeconds: 10_800 } } : {}),
  aws: {
    accountId: fromEnv(`AWS_ACCOUNT_ID_${name.toUpperCase()}`, "111111111111"),
    region: "eu-west-1",
    network: {
      vpcCidr: `10.${octet[name]}.0.0/16`,
      privateSubnetCidrs: [`10.${octet[name]}.0.0/19`, `10.${octet[name]}.32.0/19`],
      availabilityZones: ["eu-west-1a", "eu-west-1b"],
    },
    state: {
      // One versioned state bucket per account: a dev credential never reaches prod's state.
      bucket: fromEnv(`TF_STATE_BUCKET_${name.toUpperCase()}`, `rtl-terraform-state-${name}`),
      region: "eu-west-1",
    },
    ...(name === "prod"
      ? {
          customerManagedKeys: true,
          privateLink: {
            // Databricks' published endpoint services for eu-west-1: workspace (REST API) and SCC relay.
            workspaceServiceName: "com.amazonaws.vpce.eu-west-1.vpce-svc-0da6ebf1461278016",
            relayServiceName: "com.amazonaws.vpce.eu-west-1.vpce-svc-09b4eb2bc775f4e8c",
            endpointSubnetCidrs: [`10.${octet[name]}.64.0/26`, `10.${octet[name]}.64.64/26`],
          },
        }
      : {}),
  },
  // Prod fails over to Frankfurt: its lake replicates there, its tables are deep-cloned every hour (RPO 2 h).
  ...(name === "prod"
    ? {
        dr: {
          region: "eu-central-1",
          rpoMinutes: 120,
          rtoMinutes: 60,
          metastoreId: fromEnv("DATABRICKS_DR_METASTORE_ID_AWS", DR_METASTORE_PLACEHOLDER),
          shareProviderName: fromEnv("DATABRICKS_DR_SHARE_PROVIDER_AWS", "rtl-aws-primary"),
          availabilityZones: ["eu-central-1a", "eu-central-1b"],
        },
      }
    : {}),
});

const azureEnvironment = (name: EnvName): EnvInput => ({
  ...shared(name, "AZURE", "Standard_D4ds_v5"),
  cloud: "azure",
  // Azure dev ingests continuously; gold and the rest run in rtl-dev-downstream when silver changes.
  ...(name === "dev" ? { trigger: "continuous" } : {}),
  azure: {
    subscriptionId: fromEnv(`AZURE_SUBSCRIPTION_ID_${name.toUpperCase()}`, ZERO_UUID),
    tenantId: fromEnv("AZURE_TENANT_ID", ZERO_UUID),
    location: "westeurope",
    network: {
      vnetCidr: `10.${octet[name] + 100}.0.0/16`,
      hostSubnetCidr: `10.${octet[name] + 100}.0.0/22`,
      containerSubnetCidr: `10.${octet[name] + 100}.4.0/22`,
      ...(name === "prod" ? { privateEndpointSubnetCidr: `10.${octet[name] + 100}.8.0/24` } : {}),
    },
    publicNetworkAccess: name !== "prod",
    ...(name === "prod"
      ? {
          customerManagedKey: {
            keyVaultId: fromEnv(
              "AZURE_KEY_VAULT_ID_PROD",
              `/subscriptions/${ZERO_UUID}/resourceGroups/rtl-keys/providers/Microsoft.KeyVault/vaults/rtl-prod-keys`,
            ),
            keyName: "rtl-prod-lakehouse",
          },
        }
      : {}),
    state: {
      resourceGroupName: fromEnv("TF_STATE_RESOURCE_GROUP", "rtl-tfstate"),
      storageAccountName: fromEnv(`TF_STATE_STORAGE_ACCOUNT_${name.toUpperCase()}`, `rtltfstate${name}`),
      containerName: fromEnv("TF_STATE_CONTAINER", "tfstate"),
    },
  },
  // Prod's workspace and lake are closed to the internet: it deploys from a runner peered into its VNet,
  // drift plans it from another one there (never the runner that applies), and pull requests do not plan it.
  ...(name === "prod" ? { deploy: { runnerLabel: "lakehouse-azure-prod", planRunnerLabel: "lakehouse-azure-prod-plan" } } : {}),
  // Prod fails over to North Europe, West Europe's paired region, where its GZRS lake keeps its geo copy.
  ...(name === "prod"
    ? {
        dr: {
          region: "northeurope",
          rpoMinutes: 120,
          rtoMinutes: 60,
          metastoreId: fromEnv("DATABRICKS_DR_METASTORE_ID_AZURE", DR_METASTORE_PLACEHOLDER),
          shareProviderName: fromEnv("DATABRICKS_DR_SHARE_PROVIDER_AZURE", "rtl-azure-primary"),
          customerManagedKey: {
            keyVaultId: fromEnv("AZURE_KEY_VAULT_ID_PRODDR", `/subscriptions/${ZERO_UUID}/resourceGroups/rtl-keys/providers/Microsoft.KeyVault/vaults/rtl-proddr-keys`),
            keyName: "rtl-proddr-lakehouse",
          },
        },
      }
    : {}),
});

const updatedAt = { name: "updated_at", type: "timestamp", nullable: false, description: "Last change in the source system" } as const;

export const retailPlatform: PlatformInput = {
  name: "Retail lakehouse",
  prefix: "rtl",
  tags: { costCenter: "cc-4711", owner: "data-platform@example.com", project: "retail-lakehouse" },
  environments: [...ENV_NAMES.map(awsEnvironment), ...ENV_NAMES.map(azureEnvironment)],
  datasets: [
    {
      name: "customers",
      description: "Registered customers from the shop's CRM export.",
      source: { format: "csv" },
      columns: [
        { name: "customer_id", type: "string", nullable: false, description: "CRM customer id" },
        { name: "email", type: "string", pii: true, piiClass: "email", mask: "email_domain", description: "Login e-mail" },
        { name: "full_name", type: "string", pii: true, piiClass: "name", mask: "redact" },
        { name: "country", type: "string", description: "ISO 3166-1 alpha-2" },
        { name: "segment", type: "string" },
        { name: "signup_date", type: "date" },
        updatedAt,
      ],
      primaryKey: ["customer_id"],
      orderingColumn: "updated_at",
      quality: {
        rules: [
          { expect: "expect_column_values_to_not_be_null", column: "customer_id" },
          { expect: "expect_column_values_to_match_regex", column: "email", regex: "^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$" },
          { expect: "expect_column_values_to_be_in_set", column: "country", valueSet: ["nl", "de", "be", "fr", "gb", "us"] },
        ],
        maxFailedFraction: 0.2,
        // Customer files are small: three bad rows in one already mean a broken export.
        minFailedRows: 3,
      },
      transformations: [
        { kind: "trim", columns: ["email", "full_name", "country", "segment"] },
        { kind: "lowercase", columns: ["email", "country"] },
      ],
      // Benelux sales sees Benelux customers only; the other readers see every country.
      rowFilter: {
        column: "country",
        allRows: ["platform-admins", "data-engineers", "analysts", "customer-care"],
        grants: [{ principals: ["sales-benelux"], values: ["nl", "be"] }],
      },
    },
    {
      name: "products",
      description: "Product catalogue snapshots from the PIM.",
      source: { format: "json" },
      columns: [
        { name: "product_id", type: "string", nullable: false },
        { name: "name", type: "string" },
        { name: "category", type: "string" },
        { name: "unit_price", type: "decimal(10,2)" },
        { name: "active", type: "boolean" },
        updatedAt,
      ],
      primaryKey: ["product_id"],
      orderingColumn: "updated_at",
      quality: {
        rules: [
          { expect: "expect_column_values_to_not_be_null", column: "product_id" },
          { expect: "expect_column_values_to_be_between", column: "unit_price", min: 0, max: 100000 },
        ],
        maxFailedFraction: 0.2,
      },
      transformations: [{ kind: "trim", columns: ["name", "category"] }, { kind: "lowercase", columns: ["category"] }],
    },
    {
      name: "orders",
      description: "Order lines from the web shop.",
      source: { format: "csv" },
      columns: [
        { name: "order_id", type: "string", nullable: false },
        { name: "customer_id", type: "string" },
        { name: "product_id", type: "string" },
        { name: "quantity", type: "int" },
        { name: "unit_price", type: "decimal(10,2)" },
        { name: "status", type: "string" },
        { name: "order_ts", type: "timestamp" },
        updatedAt,
      ],
      primaryKey: ["order_id"],
      orderingColumn: "updated_at",
      quality: {
        rules: [
          { expect: "expect_column_values_to_not_be_null", column: "customer_id" },
          { expect: "expect_column_values_to_be_between", column: "quantity", min: 1, max: 1000 },
          { expect: "expect_column_values_to_be_in_set", column: "status", valueSet: ["placed", "shipped", "completed", "cancelled"] },
          { expect: "expect_sql_expression_to_be_true", name: "price_not_negative", expression: "unit_price >= 0" },
        ],
        maxFailedFraction: 0.2,
        // The validation task: a run writing more order lines than the shop can take is a broken
        // export (gold waits); order lines older than two days are late, worth a warning only.
        volume: { minRows: 1, maxRows: 1_000_000 },
        freshness: { maxAgeHours: 48 },
      },
      transformations: [
        { kind: "lowercase", columns: ["status"] },
        { kind: "derive", column: "order_date", expression: "to_date(order_ts)", type: "date" },
        { kind: "derive", column: "line_total", expression: "quantity * unit_price", type: "decimal(12,2)" },
      ],
      schemaEvolution: "addNewColumns",
      // Order lines arrive in volume: more than 100 quarantined a day is worth a look.
      monitoring: { warnFailedFraction: 0.1, maxQuarantinedRowsPerDay: 100 },
    },
    {
      name: "payments",
      description: "Payment provider settlements.",
      source: { format: "parquet" },
      columns: [
        { name: "payment_id", type: "string", nullable: false },
        { name: "order_id", type: "string" },
        { name: "method", type: "string" },
        { name: "amount", type: "decimal(12,2)" },
        { name: "paid_at", type: "timestamp" },
        updatedAt,
      ],
      primaryKey: ["payment_id"],
      orderingColumn: "updated_at",
      quality: {
        rules: [
          { expect: "expect_column_values_to_not_be_null", column: "order_id" },
          { expect: "expect_column_values_to_be_in_set", column: "method", valueSet: ["card", "ideal", "paypal", "giftcard"] },
          { expect: "expect_column_values_to_be_between", column: "amount", min: 0 },
        ],
        maxFailedFraction: 0.2,
      },
      schemaEvolution: "fail",
    },
  ],
  gold: [
    {
      name: "daily_sales",
      description: "Revenue, orders and units per day and product category.",
      from: "orders",
      joins: [{ dataset: "products", type: "left", on: [{ left: "orders.product_id", right: "product_id" }] }],
      filter: "orders.status <> 'cancelled'",
      groupBy: ["order_date", "products.category"],
      measures: [
        { name: "revenue", fn: "sum", column: "line_total" },
        { name: "order_count", fn: "count_distinct", column: "orders.order_id" },
        { name: "units", fn: "sum", column: "quantity" },
      ],
      clusterBy: ["order_date"],
    },
    {
      name: "customer_value",
      description: "Lifetime value per customer from completed orders.",
      from: "orders",
      joins: [{ dataset: "customers", on: [{ left: "orders.customer_id", right: "customer_id" }] }],
      filter: "orders.status = 'completed'",
      groupBy: ["customers.customer_id", "country", "segment"],
      measures: [
        { name: "total_spent", fn: "sum", column: "line_total" },
        { name: "order_count", fn: "count_distinct", column: "orders.order_id" },
        { name: "first_order_ts", fn: "min", column: "order_ts" },
        { name: "last_order_ts", fn: "max", column: "order_ts" },
      ],
    },
    {
      name: "payment_mix",
      description: "Settled amount and payment count per payment method.",
      from: "payments",
      groupBy: ["method"],
      measures: [
        { name: "total_amount", fn: "sum", column: "amount" },
        { name: "payment_count", fn: "count" },
      ],
    },
  ],
  ml: {
    models: [
      {
        name: "customer_ltv",
        description: "Lifetime spend of a customer from their number of orders.",
        gold: "customer_value",
        features: ["order_count"],
        label: "total_spent",
      },
    ],
  },
  access: {
    principals: [
      // Landing files and bronze hold PII in clear (bronze is read through its change feed, which a mask would stop), so
      // only principals who read PII in clear get them: the admins and the pipeline.
      { name: "platform-admins", type: "group", layers: { landing: "manage", bronze: "manage", silver: "manage", gold: "manage" }, pii: true },
      { name: "data-engineers", type: "group", layers: { silver: "write", gold: "read" } },
      { name: "analysts", type: "group", layers: { gold: "read" } },
      // The only people who read PII in clear (besides the pipeline itself).
      { name: "customer-care", type: "group", layers: { silver: "read", gold: "read" }, pii: true },
      { name: "sales-benelux", type: "group", layers: { gold: "read" } },
      {
        name: "rtl-pipeline",
        type: "servicePrincipal",
        applicationId: fromEnv("DATABRICKS_PIPELINE_SP_APP_ID", "11111111-2222-3333-4444-555555555555"),
        layers: { landing: "read", bronze: "write", silver: "write", gold: "write" },
      },
      // The identity of the team's Airflow connection (AWS staging): it may run the job, and read no data.
      { name: "rtl-airflow", type: "servicePrincipal", applicationId: fromEnv("AIRFLOW_SP_APP_ID", "66666666-7777-8888-9999-000000000000") },
    ],
    jobRunAs: "rtl-pipeline",
  },
  auditLogs: { enabled: true },
};
