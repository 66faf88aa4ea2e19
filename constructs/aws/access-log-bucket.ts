import { Construct } from "constructs";
import { envRef, s3BucketName } from "../../naming";
import type { AwsEnvironment, Platform } from "../../spec";
import { s3BucketArn } from "./arn";
import { logLifecycle } from "./lifecycle";
import { SecureBucket } from "./secure-bucket";

export interface AccessLogBucketProps {
  readonly platform: Platform;
  readonly environment: AwsEnvironment;
  readonly partition: string;
}

/**
 * The bucket every other bucket of the environment sends its S3 server access logs to. SSE-S3,
 * because S3 log delivery cannot write to a bucket whose default encryption is SSE-KMS; and the
 * logging service is granted by bucket policy, because BucketOwnerEnforced disables the ACLs the
 * older log-delivery group used.
 */
export class AccessLogBucket extends Construct {
  readonly bucketName: string;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    const { platform, environment, partition } = props;
    const accountId = environment.aws.accountId;
    this.bucketName = s3BucketName(envRef(platform, environment), "logs", accountId);
    new SecureBucket(this, "bucket", {
      bucketName: this.bucketName,
      partition,
      lifecycle: logLifecycle(environment.retentionDays),
      policyStatements: [
        {
          sid: "S3ServerAccessLogDelivery",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["logging.s3.amazonaws.com"] }],
          actions: ["s3:PutObject"],
          resources: [`${s3BucketArn(partition, this.bucketName)}/*`],
          // Only logs of this account's buckets: another account cannot fill ours.
          condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [accountId] }],
        },
      ],
    });
  }
}
