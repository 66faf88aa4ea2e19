/** Small stacks for the guardrail tests: one compliant resource of each kind, easy to break. */
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { StorageAccount, type StorageAccountConfig } from "@cdktf/provider-azurerm/lib/storage-account";
import { Job, type JobConfig } from "@cdktf/provider-databricks/lib/job";
import { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { TerraformStack, Testing } from "cdktf";
import type { Construct } from "constructs";

export const TAGS = { costCenter: "cc-1", owner: "team@example.com" };

export const stack = (): TerraformStack => new TerraformStack(Testing.app(), "test");

export const awsProvider = (scope: Construct, tags: Record<string, string> = TAGS) =>
  new AwsProvider(scope, "aws", { region: "eu-west-1", defaultTags: [{ tags }] });

/** Which bucket companions to leave out (or get wrong), one per test. */
export interface BucketOptions {
  readonly sse?: "kms" | "aes256" | "none";
  readonly publicAccessBlock?: boolean | "partial";
  readonly policy?: "document" | "inline" | "allow-only" | "none";
  readonly versioning?: "Enabled" | "Suspended" | "none";
}

/** A bucket with its companions (encryption, public access block, TLS-only policy, versioning). */
export function bucket(scope: Construct, id = "lake", o: BucketOptions = {}): S3Bucket {
  const b = new S3Bucket(scope, id, { bucket: `${id}-bucket` });
  const sse = o.sse ?? "kms";
  if (sse !== "none") {
    new S3BucketServerSideEncryptionConfigurationA(scope, `${id}_sse`, {
      bucket: b.id,
      rule: [
        sse === "kms"
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:aws:kms:eu-west-1:111111111111:key/k" } }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
      ],
    });
  }
  const pab = o.publicAccessBlock ?? true;
  if (pab !== false) {
    new S3BucketPublicAccessBlock(scope, `${id}_pab`, {
      bucket: b.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: pab === true,
    });
  }
  const policy = o.policy ?? "document";
  if (policy === "document" || policy === "allow-only") {
    const doc = new DataAwsIamPolicyDocument(scope, `${id}_doc`, {
      statement: [
        policy === "document"
          ? {
              effect: "Deny",
              actions: ["s3:*"],
              resources: [b.arn, `${b.arn}/*`],
              principals: [{ type: "*", identifiers: ["*"] }],
              condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
            }
          : { effect: "Allow", actions: ["s3:GetObject"], resources: [`${b.arn}/*`], principals: [{ type: "AWS", identifiers: ["*"] }] },
      ],
    });
    new S3BucketPolicy(scope, `${id}_policy`, { bucket: b.id, policy: doc.json });
  } else if (policy === "inline") {
    const statement = { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: `${b.arn}/*`, Condition: { Bool: { "aws:SecureTransport": "false" } } };
    new S3BucketPolicy(scope, `${id}_policy`, { bucket: b.bucket, policy: JSON.stringify({ Version: "2012-10-17", Statement: [statement] }) });
  }
  const versioning = o.versioning ?? "Enabled";
  if (versioning !== "none") new S3BucketVersioningA(scope, `${id}_versioning`, { bucket: b.id, versioningConfiguration: { status: versioning } });
  return b;
}

/** A lake storage account with every hardening flag the rules look for, or the given overrides. */
export const storageAccount = (scope: Construct, overrides: Partial<StorageAccountConfig> = {}) =>
  new StorageAccount(scope, "lake_account", {
    name: "rtldevlake",
    resourceGroupName: "rg",
    location: "westeurope",
    accountTier: "Standard",
    accountReplicationType: "ZRS",
    isHnsEnabled: true,
    infrastructureEncryptionEnabled: true,
    allowNestedItemsToBePublic: false,
    minTlsVersion: "TLS1_2",
    tags: TAGS,
    ...overrides,
  });

export const workspaceProvider = (scope: Construct) =>
  new DatabricksProvider(scope, "workspace", { alias: "workspace", host: "https://dbc-1.cloud.databricks.com" });

/** A pipeline job with a spot-with-fallback job cluster, retries, timeouts and failure e-mails. */
export const job = (scope: Construct, overrides: Partial<JobConfig> = {}) =>
  new Job(scope, "pipeline", {
    provider: workspaceProvider(scope),
    name: "pipeline",
    jobCluster: [
      {
        jobClusterKey: "pipeline",
        newCluster: { sparkVersion: "17.3.x-scala2.13", nodeTypeId: "m5d.xlarge", numWorkers: 1, awsAttributes: { availability: "SPOT_WITH_FALLBACK", firstOnDemand: 1 } },
      },
    ],
    task: [
      { taskKey: "bronze", jobClusterKey: "pipeline", maxRetries: 2, timeoutSeconds: 3600, notebookTask: { notebookPath: "/Shared/bronze" } },
      { taskKey: "silver", jobClusterKey: "pipeline", maxRetries: 1, timeoutSeconds: 1800, notebookTask: { notebookPath: "/Shared/silver" } },
    ],
    emailNotifications: { onFailure: ["oncall@example.com"] },
    ...overrides,
  });
