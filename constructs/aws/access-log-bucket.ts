import type { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { Construct } from "constructs";
import { suppress } from "../../guardrails";
import { envRef, s3BucketName } from "../../naming";
import type { AwsEnvironment, Platform } from "../../platform";
import { s3BucketArn } from "./arn";
import { logLifecycle } from "./lifecycle";
import { SecureBucket } from "./secure-bucket";

export interface AccessLogBucketProps {
  readonly platform: Platform;
  readonly environment: AwsEnvironment;
  readonly partition: string;
  /**
   * Let VPC flow log delivery write under the flow-logs/ prefix.
   * @default false: the environment has no customer-managed VPC
   */
  readonly vpcFlowLogs?: boolean;
}

/** Prefix of the VPC flow logs; S3 server access logs go under `<source bucket>/`. */
const FLOW_LOGS_PREFIX = "flow-logs";

/**
 * The bucket every other bucket of the environment sends its S3 server access logs to. SSE-S3,
 * because S3 log delivery cannot write to a bucket whose default encryption is SSE-KMS; and the
 * logging service is granted by bucket policy, because BucketOwnerEnforced disables the ACLs the
 * older log-delivery group used. The VPC's flow logs land here too, under their own prefix and
 * with the same retention: S3 rather than a CloudWatch log group, which would need its own KMS
 * key, delivery role and retention, and costs more per GB ingested.
 */
export class AccessLogBucket extends Construct {
  readonly bucketName: string;
  /** S3 destination (ARN with prefix) of VPC flow logs; writable when `vpcFlowLogs` is set. */
  readonly flowLogDestination: string;
  /** The bucket policy: flow logs wait for it, or AWS writes its own policy over it. */
  readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    const { platform, environment, partition } = props;
    const { accountId, region } = environment.aws;
    this.bucketName = s3BucketName(envRef(platform, environment), "logs", accountId);
    const arn = s3BucketArn(partition, this.bucketName);
    this.flowLogDestination = `${arn}/${FLOW_LOGS_PREFIX}/`;
    // Conditions as AWS documents them for vended logs: only deliveries for this account's own
    // resources, and objects that the bucket owner fully controls.
    const fromThisAccount = [
      { test: "StringEquals", variable: "aws:SourceAccount", values: [accountId] },
      { test: "ArnLike", variable: "aws:SourceArn", values: [`arn:${partition}:logs:${region}:${accountId}:*`] },
    ];
    const logDelivery = [{ type: "Service", identifiers: ["delivery.logs.amazonaws.com"] }];
    const flowLogStatements = [
      {
        sid: "VpcFlowLogDeliveryWrite",
        effect: "Allow",
        principals: logDelivery,
        actions: ["s3:PutObject"],
        resources: [`${arn}/${FLOW_LOGS_PREFIX}/AWSLogs/${accountId}/*`],
        condition: [...fromThisAccount, { test: "StringEquals", variable: "s3:x-amz-acl", values: ["bucket-owner-full-control"] }],
      },
      {
        sid: "VpcFlowLogDeliveryAclCheck",
        effect: "Allow",
        principals: logDelivery,
        actions: ["s3:GetBucketAcl", "s3:ListBucket"],
        resources: [arn],
        condition: fromThisAccount,
      },
    ];
    const bucket = new SecureBucket(this, "bucket", {
      bucketName: this.bucketName,
      partition,
      lifecycle: logLifecycle(environment.retentionDays),
      policyStatements: [
        {
          sid: "S3ServerAccessLogDelivery",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["logging.s3.amazonaws.com"] }],
          actions: ["s3:PutObject"],
          resources: [`${arn}/*`],
          // Only logs of this account's buckets: another account cannot fill ours.
          condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [accountId] }],
        },
        ...(props.vpcFlowLogs ? flowLogStatements : []),
      ],
    });
    this.policy = bucket.policy;
    suppress(this, "LH-S3-ENCRYPTION", "S3 server access logs can only be delivered to a bucket with SSE-S3 default encryption");
  }
}
