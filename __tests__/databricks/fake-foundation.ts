/** Test-only stand-ins for the cloud half and the notebook emitters, so these tests need neither. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import type { StorageCredential } from "@cdktf/provider-databricks/lib/storage-credential";
import { Construct } from "constructs";
import type { CloudComputeAttributes, CloudFoundation, StorageCredentialIdentity } from "../../constructs/cloud/foundation";
import { TimeSleep } from "../../constructs/common/time-sleep";
import type { PipelinePlan, PipelineTask } from "../../jobs/plan";
import type { Cloud, Layer } from "../../platform";

const LAYER_URLS: Record<Cloud, Record<Layer, string>> = {
  aws: { landing: "s3://lake-landing", bronze: "s3://lake-bronze", silver: "s3://lake-silver", gold: "s3://lake-gold/" },
  azure: {
    landing: "abfss://landing@lake.dfs.core.windows.net/",
    bronze: "abfss://bronze@lake.dfs.core.windows.net/",
    silver: "abfss://silver@lake.dfs.core.windows.net/",
    gold: "abfss://gold@lake.dfs.core.windows.net/",
  },
};

export const ROLE_ARN = "arn:aws:iam::111111111111:role/uc";
export const ACCESS_CONNECTOR_ID = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Databricks/accessConnectors/ac";

const COMPUTE: Record<Cloud, CloudComputeAttributes> = {
  aws: {
    jobCluster: { awsAttributes: { availability: "SPOT_WITH_FALLBACK", firstOnDemand: 1, spotBidPricePercent: 100 } },
    instancePool: { awsAttributes: { availability: "SPOT", spotBidPricePercent: 100 } },
    driverInstancePool: { awsAttributes: { availability: "ON_DEMAND" } },
    policyRules: { "aws_attributes.availability": { type: "fixed", value: "SPOT_WITH_FALLBACK" } },
  },
  azure: {
    jobCluster: { azureAttributes: { availability: "SPOT_WITH_FALLBACK_AZURE", firstOnDemand: 1, spotBidMaxPrice: -1 } },
    instancePool: { azureAttributes: { availability: "SPOT_AZURE", spotBidMaxPrice: -1 } },
    driverInstancePool: { azureAttributes: { availability: "ON_DEMAND_AZURE" } },
    policyRules: { "azure_attributes.availability": { type: "fixed", value: "SPOT_WITH_FALLBACK_AZURE" } },
  },
};

/** A CloudFoundation with two aliased providers, fixed URLs and a wait resource as the bind result. */
export class FakeFoundation extends Construct implements CloudFoundation {
  readonly region: string;
  readonly accountProvider: DatabricksProvider;
  readonly workspaceProvider: DatabricksProvider;
  readonly workspaceId = "1234567890";
  readonly workspaceUrl = "https://ws.example.com";
  readonly layerUrls: Record<Layer, string>;
  readonly storageNames: Record<Layer, string>;
  readonly storageCredentialIdentity: StorageCredentialIdentity;
  readonly computeAttributes: CloudComputeAttributes;
  readonly complianceSettingsInWorkspace: boolean;
  /** The credential handed to bindStorageCredential, once called. */
  boundCredential?: StorageCredential;

  constructor(scope: Construct, id: string, readonly cloud: Cloud) {
    super(scope, id);
    this.region = cloud === "aws" ? "eu-west-1" : "westeurope";
    this.complianceSettingsInWorkspace = cloud === "aws";
    this.accountProvider = new DatabricksProvider(this, "account", { alias: "account", host: "https://accounts.example.com", accountId: "acc" });
    this.workspaceProvider = new DatabricksProvider(this, "workspace", { alias: "workspace", host: this.workspaceUrl });
    this.layerUrls = LAYER_URLS[cloud];
    this.storageNames = { landing: "landing", bronze: "bronze", silver: "silver", gold: "gold" };
    this.storageCredentialIdentity =
      cloud === "aws" ? { awsIamRole: { roleArn: ROLE_ARN } } : { azureManagedIdentity: { accessConnectorId: ACCESS_CONNECTOR_ID } };
    this.computeAttributes = COMPUTE[cloud];
  }

  bindStorageCredential(credential: StorageCredential) {
    this.boundCredential = credential;
    return [new TimeSleep(this, "credential_usable", { createDuration: "30s", dependsOn: [] })];
  }
}

const task = (taskKey: string, layer: PipelineTask["layer"], dependsOn: string[]): PipelineTask => ({
  taskKey,
  layer,
  dependsOn,
  fileName: `${taskKey}.py`,
  notebookName: taskKey,
  source: `# Databricks notebook source\nprint("${taskKey}")\n`,
  parameters: (ctx) => ({
    catalog: ctx.catalog,
    landing: ctx.layerUrls.landing,
    on_databricks: String(ctx.onDatabricks),
    gold_retention_days: String(ctx.retentionDays.gold),
    runtime_path: ctx.runtimePath,
  }),
});

let written: { plan: PipelinePlan; notebookDir: string } | undefined;

/**
 * Two datasets and one gold aggregate over both, listed out of order on purpose, with each
 * notebook written to a temporary folder once per test file.
 */
export function fakePipeline(): { plan: PipelinePlan; notebookDir: string } {
  written ??= writeFakePipeline();
  return written;
}

function writeFakePipeline(): { plan: PipelinePlan; notebookDir: string } {
  const plan: PipelinePlan = {
    tasks: [
      task("silver_orders", "silver", ["bronze_orders"]),
      task("gold_revenue", "gold", ["silver_orders", "silver_customers"]),
      task("bronze_orders", "bronze", []),
      task("bronze_customers", "bronze", []),
      task("silver_customers", "silver", ["bronze_customers"]),
    ],
  };
  const notebookDir = fs.mkdtempSync(path.join(os.tmpdir(), "databricks-test-notebooks-"));
  for (const t of plan.tasks) fs.writeFileSync(path.join(notebookDir, t.fileName), t.source);
  return { plan, notebookDir };
}
