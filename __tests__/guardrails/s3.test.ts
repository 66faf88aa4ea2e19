import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { s3Encryption } from "../../guardrails/rules/s3-encryption";
import { s3PublicAccess } from "../../guardrails/rules/s3-public-access";
import { s3Tls } from "../../guardrails/rules/s3-tls";
import { s3Versioning } from "../../guardrails/rules/s3-versioning";
import { type BucketOptions, bucket, stack } from "./stacks";

const check = (rule: typeof s3Encryption, options: BucketOptions) => rule(bucket(stack(), "lake", options));

describe("S3 rules", () => {
  it("pass a bucket with KMS encryption, all four public access flags, a TLS-only policy and versioning", () => {
    for (const rule of [s3Encryption, s3PublicAccess, s3Tls, s3Versioning]) expect(check(rule, {})).toStrictEqual([]);
  });

  it("ignore constructs that are not buckets", () => {
    const s = stack();
    bucket(s);
    const companions = s.node.findAll().filter((c) => !(c instanceof S3Bucket));
    for (const rule of [s3Encryption, s3PublicAccess, s3Tls, s3Versioning]) for (const c of companions) expect(rule(c)).toBeUndefined();
  });

  it("LH-S3-TLS passes an inline JSON policy attached by bucket name", () => {
    expect(check(s3Tls, { policy: "inline" })).toStrictEqual([]);
  });

  it("LH-S3-TLS only counts the policy of this bucket", () => {
    const s = stack();
    bucket(s, "other");
    expect(s3Tls(bucket(s, "lake", { policy: "none" }))).toHaveLength(1);
  });

  it.each([
    { ruleId: "LH-S3-ENCRYPTION", rule: s3Encryption, why: "the bucket uses SSE-S3", options: { sse: "aes256" }, fix: /sseAlgorithm "aws:kms"/ },
    { ruleId: "LH-S3-ENCRYPTION", rule: s3Encryption, why: "the bucket has no encryption configuration", options: { sse: "none" }, fix: /S3BucketServerSideEncryptionConfigurationA/ },
    { ruleId: "LH-S3-PUBLIC-ACCESS", rule: s3PublicAccess, why: "one public access flag is off", options: { publicAccessBlock: "partial" }, fix: /restrictPublicBuckets all true/ },
    { ruleId: "LH-S3-PUBLIC-ACCESS", rule: s3PublicAccess, why: "the bucket has no public access block", options: { publicAccessBlock: false }, fix: /S3BucketPublicAccessBlock/ },
    { ruleId: "LH-S3-TLS", rule: s3Tls, why: "the bucket policy has no TLS deny", options: { policy: "allow-only" }, fix: /aws:SecureTransport/ },
    { ruleId: "LH-S3-TLS", rule: s3Tls, why: "the bucket has no policy", options: { policy: "none" }, fix: /S3BucketPolicy/ },
    { ruleId: "LH-S3-VERSIONING", rule: s3Versioning, why: "versioning is suspended", options: { versioning: "Suspended" }, fix: /"Enabled"/ },
    { ruleId: "LH-S3-VERSIONING", rule: s3Versioning, why: "the bucket has no versioning", options: { versioning: "none" }, fix: /S3BucketVersioningA/ },
  ] as const)("$ruleId fails if $why", ({ ruleId, rule, options, fix }) => {
    const findings = check(rule, options as BucketOptions);
    expect(findings).toHaveLength(1);
    expect(findings?.[0]).toMatchObject({ ruleId, path: "test/lake" });
    expect(findings?.[0].message).toMatch(fix);
  });
});
