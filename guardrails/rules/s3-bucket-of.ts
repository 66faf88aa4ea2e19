/** The bucket-level companions of an S3 bucket (policy, encryption, versioning, ...) are separate resources. */
import type { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import type { IConstruct } from "constructs";
import { inStack, refersTo } from "../terraform";

/** The resources of `type` in the bucket's stack whose `bucket` argument is this bucket (by reference or by name). */
export function companions<T extends IConstruct & { readonly bucketInput?: string }>(
  bucket: S3Bucket,
  type: abstract new (...args: never[]) => T,
): T[] {
  return inStack(bucket, type).filter(
    (c) => refersTo(bucket, c.bucketInput, bucket) || (bucket.bucketInput !== undefined && c.bucketInput === bucket.bucketInput),
  );
}
