import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { rule } from "../rule";
import { companions } from "./s3-bucket-of";

const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

/** No lake bucket may ever become public, whatever a later ACL or policy says. */
export const s3PublicAccess = rule("LH-S3-PUBLIC-ACCESS", (node) => {
  if (!(node instanceof S3Bucket)) return undefined;
  const blocked = companions(node, S3BucketPublicAccessBlock).some((pab) =>
    FLAGS.every((flag) => pab[`${flag}Input`] === true),
  );
  return blocked ? [] : [`add an S3BucketPublicAccessBlock for this bucket with ${FLAGS.join(", ")} all true`];
});
