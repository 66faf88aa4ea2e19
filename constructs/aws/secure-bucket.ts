import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Construct } from "constructs";
import { s3BucketArn } from "./arn";
import { type LifecyclePolicy, lifecycleRules } from "./lifecycle";

export interface SecureBucketProps {
  /** Globally unique bucket name. */
  readonly bucketName: string;
  /** AWS partition, for the bucket's ARN in its policy. */
  readonly partition: string;
  /**
   * Customer-managed KMS key for default encryption (SSE-KMS with an S3 bucket key).
   * @default SSE-S3 (AES256), for buckets a service writes that cannot use a customer key
   */
  readonly kmsKeyArn?: string;
  /** Retention of current and noncurrent objects. */
  readonly lifecycle: LifecyclePolicy;
  /**
   * Bucket that receives this bucket's server access logs, under the prefix `<bucketName>/`.
   * @default no access logging (the log bucket itself: it would log its own log writes)
   */
  readonly accessLogBucket?: string;
  /**
   * Allow statements added to the bucket policy beside the TLS-only deny.
   * @default none
   */
  readonly policyStatements?: DataAwsIamPolicyDocumentStatement[];
  /**
   * Whole policy documents merged into the bucket policy, e.g. Databricks' generated grants.
   * @default none
   */
  readonly policyDocuments?: string[];
}

/**
 * An S3 bucket with the hardening every bucket of the platform shares: default encryption, all
 * public access blocked, ACLs disabled (BucketOwnerEnforced), TLS-only access, versioning,
 * lifecycle, and access logging.
 */
export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly bucketName: string;
  /** Versioning: a replication configuration needs it on first. */
  readonly versioning: S3BucketVersioningA;
  /** The bucket policy: whoever needs its grants in place depends on it. */
  readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    this.bucketName = props.bucketName;
    this.bucket = new S3Bucket(this, "bucket", { bucket: props.bucketName });
    const bucket = this.bucket.id;

    // The bucket key cuts KMS requests (and their cost and throttling) by orders of magnitude.
    const encryption =
      props.kmsKeyArn === undefined
        ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }
        : { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: props.kmsKeyArn }, bucketKeyEnabled: true };
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", { bucket, rule: [encryption] });
    const publicAccessBlock = new S3BucketPublicAccessBlock(this, "public_access_block", {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "ownership", { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } });
    const versioning = new S3BucketVersioningA(this, "versioning", { bucket, versioningConfiguration: { status: "Enabled" } });
    this.versioning = versioning;
    // Noncurrent-version rules need versioning switched on first, or S3 rejects the configuration.
    new S3BucketLifecycleConfiguration(this, "lifecycle", { bucket, rule: lifecycleRules(props.lifecycle), dependsOn: [versioning] });
    if (props.accessLogBucket !== undefined) {
      new S3BucketLoggingA(this, "logging", { bucket, targetBucket: props.accessLogBucket, targetPrefix: `${props.bucketName}/` });
    }

    const arn = s3BucketArn(props.partition, props.bucketName);
    const policy = new DataAwsIamPolicyDocument(this, "policy_document", {
      sourcePolicyDocuments: props.policyDocuments,
      statement: [
        {
          sid: "DenyInsecureTransport",
          effect: "Deny",
          principals: [{ type: "*", identifiers: ["*"] }],
          actions: ["s3:*"],
          resources: [arn, `${arn}/*`],
          condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        },
        ...(props.policyStatements ?? []),
      ],
    });
    // After the public access block: S3 checks a new policy against the bucket's public settings.
    this.policy = new S3BucketPolicy(this, "policy", { bucket, policy: policy.json, dependsOn: [publicAccessBlock] });
  }
}
