/**
 * ARNs we build as strings. A role's ARN is known from its name before the role exists, which is
 * what lets a Databricks credential be created first and the role trusting it second.
 */

/** The AWS partition of a region: GovCloud regions live in their own. */
export const awsPartition = (region: string) => (region.startsWith("us-gov-") ? "aws-us-gov" : "aws");

export const accountRootArn = (partition: string, accountId: string) => `arn:${partition}:iam::${accountId}:root`;

export const iamRoleArn = (partition: string, accountId: string, roleName: string) =>
  `arn:${partition}:iam::${accountId}:role/${roleName}`;

export const s3BucketArn = (partition: string, bucket: string) => `arn:${partition}:s3:::${bucket}`;
