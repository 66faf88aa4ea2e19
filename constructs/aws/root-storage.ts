import { DataDatabricksAwsBucketPolicy } from "@cdktf/provider-databricks/lib/data-databricks-aws-bucket-policy";
import { MwsStorageConfigurations } from "@cdktf/provider-databricks/lib/mws-storage-configurations";
import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { Construct } from "constructs";
import { suppress } from "../../guardrails";
import { RECOVERY_DAYS } from "./lifecycle";
import { SecureBucket } from "./secure-bucket";

export interface RootStorageProps {
  readonly provider: DatabricksProvider;
  readonly databricksAccountId: string;
  readonly partition: string;
  readonly bucketName: string;
  /** Name of the Databricks storage configuration. */
  readonly storageConfigurationName: string;
  /** Bucket receiving the root bucket's access logs. */
  readonly accessLogBucket: string;
  /**
   * The workspace storage key (databricks_mws_customer_managed_keys, use case STORAGE): the bucket
   * is then encrypted with it (SSE-KMS).
   * @default SSE-S3
   */
  readonly kmsKeyArn?: string;
}

/**
 * The workspace root bucket (workspace system data, DBFS root) and its registration with the
 * account. Databricks writes it from its own AWS account: the bucket policy is the one Databricks
 * generates, scoped to our Databricks account. SSE-KMS with the workspace storage key when the
 * environment has customer-managed keys (the key policy lets Databricks use it); SSE-S3 otherwise,
 * since a customer key on the root bucket works only through that storage key configuration.
 */
export class RootStorage extends Construct {
  readonly storageConfiguration: MwsStorageConfigurations;

  constructor(scope: Construct, id: string, props: RootStorageProps) {
    super(scope, id);
    const { provider } = props;
    const databricksAccess = new DataDatabricksAwsBucketPolicy(this, "databricks_access", {
      provider,
      bucket: props.bucketName,
      awsPartition: props.partition,
      databricksE2AccountId: props.databricksAccountId,
    });
    const bucket = new SecureBucket(this, "bucket", {
      bucketName: props.bucketName,
      partition: props.partition,
      kmsKeyArn: props.kmsKeyArn,
      // Workspace internals, not lake data: no retention of their own, only a recovery window.
      lifecycle: { noncurrentDays: RECOVERY_DAYS },
      accessLogBucket: props.accessLogBucket,
      policyDocuments: [databricksAccess.json],
    });
    this.storageConfiguration = new MwsStorageConfigurations(this, "storage_configuration", {
      provider,
      accountId: props.databricksAccountId,
      storageConfigurationName: props.storageConfigurationName,
      bucketName: bucket.bucket.bucket,
      // The workspace validates Databricks' access to the bucket when it is created.
      dependsOn: [bucket.policy],
    });
    if (props.kmsKeyArn === undefined) {
      suppress(this, "LH-S3-ENCRYPTION", "Databricks writes the root bucket; a customer key for it goes through a workspace storage key configuration (aws.customerManagedKeys)");
    }
  }
}
