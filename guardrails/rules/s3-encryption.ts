import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { rule } from "../rule";
import { resolve } from "../terraform";
import { companions } from "./s3-bucket-of";

interface SseRule {
  readonly applyServerSideEncryptionByDefault?: { readonly sseAlgorithm?: string; readonly kmsMasterKeyId?: string };
}

/** Lake data is encrypted with a customer-managed KMS key, so access to it is also governed by the key policy. */
export const s3Encryption = rule("LH-S3-ENCRYPTION", (node) => {
  if (!(node instanceof S3Bucket)) return undefined;
  const kms = companions(node, S3BucketServerSideEncryptionConfigurationA).some((sse) =>
    ((resolve(sse, sse.ruleInput) ?? []) as SseRule[]).some(
      (r) => r.applyServerSideEncryptionByDefault?.sseAlgorithm === "aws:kms" && !!r.applyServerSideEncryptionByDefault.kmsMasterKeyId,
    ),
  );
  return kms
    ? []
    : ["add an S3BucketServerSideEncryptionConfigurationA for this bucket with sseAlgorithm \"aws:kms\" and a customer-managed kmsMasterKeyId"];
});
