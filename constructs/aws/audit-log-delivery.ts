import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { DataDatabricksAwsAssumeRolePolicy } from "@cdktf/provider-databricks/lib/data-databricks-aws-assume-role-policy";
import { DataDatabricksAwsBucketPolicy } from "@cdktf/provider-databricks/lib/data-databricks-aws-bucket-policy";
import { MwsCredentials } from "@cdktf/provider-databricks/lib/mws-credentials";
import { MwsLogDelivery } from "@cdktf/provider-databricks/lib/mws-log-delivery";
import { MwsStorageConfigurations } from "@cdktf/provider-databricks/lib/mws-storage-configurations";
import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { Construct } from "constructs";
import { envRef, iamRoleName, kmsAliasName, mwsConfigName, s3BucketName } from "../../naming";
import type { AwsEnvironment, Platform } from "../../platform";
import { TimeSleep } from "../common/time-sleep";
import { iamRoleArn } from "./arn";
import { ScopedKmsKey } from "./kms-key";
import { logLifecycle } from "./lifecycle";
import { SecureBucket } from "./secure-bucket";

export interface AuditLogDeliveryProps {
  readonly platform: Platform;
  readonly environment: AwsEnvironment;
  readonly partition: string;
  /** Account-level Databricks provider. */
  readonly provider: DatabricksProvider;
  /** Bucket receiving the audit bucket's access logs. */
  readonly accessLogBucket: string;
  /** The workspace whose audit logs this environment receives. */
  readonly workspaceId: number;
}

/**
 * Databricks audit logs (JSON) delivered to a dedicated, KMS-encrypted bucket. Log delivery is an
 * account-level configuration and Databricks allows only a few per log type and account, so it
 * sits behind a spec flag, and each environment's delivery is filtered to its own workspace:
 * environments sharing a Databricks account then neither duplicate each other's logs nor use up
 * the account-wide allowance.
 */
export class AuditLogDelivery extends Construct {
  readonly bucketName: string;
  readonly logDelivery: MwsLogDelivery;

  constructor(scope: Construct, id: string, props: AuditLogDeliveryProps) {
    super(scope, id);
    const { platform, environment, partition, provider } = props;
    const ref = envRef(platform, environment);
    const { accountId } = environment.aws;
    const databricksAccountId = environment.databricksAccountId;
    const roleName = iamRoleName(ref, "log-delivery");
    this.bucketName = s3BucketName(ref, "audit", accountId);

    const key = new ScopedKmsKey(this, "key", {
      aliasName: kmsAliasName(ref, "audit"),
      description: `${platform.name} ${environment.name}: Databricks audit logs`,
      partition,
      accountId,
      users: [iamRoleArn(partition, accountId, roleName)],
    });
    const trust = new DataDatabricksAwsAssumeRolePolicy(this, "trust", {
      provider,
      externalId: databricksAccountId,
      forLogDelivery: true,
      awsPartition: partition,
    });
    const role = new IamRole(this, "role", {
      name: roleName,
      description: "Databricks delivers audit logs to the audit bucket with this role",
      assumeRolePolicy: trust.json,
    });
    // S3 access comes from the bucket policy; the key policy delegates use to IAM, so the role
    // needs its own grant for the encryption S3 does on its behalf.
    const keyUse = new IamRolePolicy(this, "key_use", {
      name: `${roleName}-kms`,
      role: role.id,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Encrypt", "kms:Decrypt"], Resource: key.arn }],
      }),
    });
    const databricksAccess = new DataDatabricksAwsBucketPolicy(this, "databricks_access", {
      provider,
      bucket: this.bucketName,
      awsPartition: partition,
      fullAccessRole: role.arn,
    });
    const bucket = new SecureBucket(this, "bucket", {
      bucketName: this.bucketName,
      partition,
      kmsKeyArn: key.arn,
      lifecycle: logLifecycle(environment.retentionDays),
      accessLogBucket: props.accessLogBucket,
      policyDocuments: [databricksAccess.json],
    });

    const propagation = new TimeSleep(this, "iam_propagation", { createDuration: "20s", dependsOn: [role, keyUse] });
    const credentials = new MwsCredentials(this, "credentials", {
      provider,
      credentialsName: mwsConfigName(ref, "log-credentials"),
      roleArn: role.arn,
      dependsOn: [propagation],
    });
    const storage = new MwsStorageConfigurations(this, "storage_configuration", {
      provider,
      accountId: databricksAccountId,
      storageConfigurationName: mwsConfigName(ref, "log-storage"),
      bucketName: bucket.bucket.bucket,
    });
    this.logDelivery = new MwsLogDelivery(this, "log_delivery", {
      provider,
      accountId: databricksAccountId,
      configName: mwsConfigName(ref, "audit-logs"),
      credentialsId: credentials.credentialsId,
      storageConfigurationId: storage.storageConfigurationId,
      logType: "AUDIT_LOGS",
      outputFormat: "JSON",
      workspaceIdsFilter: [props.workspaceId],
      // Databricks checks write access when the configuration is created: the bucket policy first.
      dependsOn: [bucket.policy],
    });
  }
}
