import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { rule } from "../rule";
import { resolve } from "../terraform";
import { companions } from "./s3-bucket-of";

/** Versioning makes an overwrite or a delete in the lake recoverable. */
export const s3Versioning = rule("LH-S3-VERSIONING", (node) => {
  if (!(node instanceof S3Bucket)) return undefined;
  const enabled = companions(node, S3BucketVersioningA).some(
    (v) => (resolve(v, v.versioningConfigurationInput) as { status?: string } | undefined)?.status === "Enabled",
  );
  return enabled ? [] : ['add an S3BucketVersioningA for this bucket with versioningConfiguration.status "Enabled"'];
});
