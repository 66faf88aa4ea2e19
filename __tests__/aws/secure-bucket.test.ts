import { SecureBucket } from "../../constructs/aws/secure-bucket";
import { all, data, ref, res, synth } from "./synth";

const KEY = "arn:aws:kms:eu-west-1:111111111111:key/abc";
const lifecycle = { tierWithinDays: 365, expireAfterDays: 365, noncurrentDays: 30 };

describe("SecureBucket with a customer-managed key", () => {
  const out = synth((s) => {
    new SecureBucket(s, "silver", { bucketName: "rtl-dev-silver-111111111111", partition: "aws", kmsKeyArn: KEY, lifecycle, accessLogBucket: "rtl-dev-logs-111111111111" });
  });
  const bucket = res(out, "aws_s3_bucket", "silver_bucket");
  const id = ref(bucket.address, "id");

  it("names the bucket and keeps its data on destroy", () => {
    expect(bucket.block).toStrictEqual({ bucket: "rtl-dev-silver-111111111111" });
  });

  it("encrypts by default with SSE-KMS under the key, with an S3 bucket key", () => {
    expect(res(out, "aws_s3_bucket_server_side_encryption_configuration", "silver_encryption").block).toStrictEqual({
      bucket: id,
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: KEY }, bucket_key_enabled: true }],
    });
  });

  it("blocks all four kinds of public access", () => {
    expect(res(out, "aws_s3_bucket_public_access_block", "silver_public_access_block").block).toStrictEqual({
      bucket: id,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  it("disables ACLs: the bucket owner owns every object", () => {
    expect(res(out, "aws_s3_bucket_ownership_controls", "silver_ownership").block).toStrictEqual({
      bucket: id,
      rule: { object_ownership: "BucketOwnerEnforced" },
    });
  });

  it("keeps versions, and applies the lifecycle only once versioning is on", () => {
    const versioning = res(out, "aws_s3_bucket_versioning", "silver_versioning");
    expect(versioning.block).toStrictEqual({ bucket: id, versioning_configuration: { status: "Enabled" } });
    const rules = res(out, "aws_s3_bucket_lifecycle_configuration", "silver_lifecycle").block;
    expect(rules.depends_on).toStrictEqual([versioning.address]);
    expect(rules.rule).toStrictEqual([
      {
        id: "retention",
        status: "Enabled",
        filter: [{ prefix: "" }],
        transition: [
          { days: 30, storage_class: "STANDARD_IA" },
          { days: 90, storage_class: "GLACIER_IR" },
        ],
        expiration: [{ days: 365 }],
        noncurrent_version_expiration: [{ noncurrent_days: 30 }],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
      },
    ]);
  });

  it("logs access to the log bucket under its own name", () => {
    expect(res(out, "aws_s3_bucket_logging", "silver_logging").block).toStrictEqual({
      bucket: id,
      target_bucket: "rtl-dev-logs-111111111111",
      target_prefix: "rtl-dev-silver-111111111111/",
    });
  });

  it("denies every request that does not come over TLS, after the public access block is in place", () => {
    const document = data(out, "aws_iam_policy_document", "silver_policy_document");
    expect(document.block).toStrictEqual({
      statement: [
        {
          sid: "DenyInsecureTransport",
          effect: "Deny",
          principals: [{ type: "*", identifiers: ["*"] }],
          actions: ["s3:*"],
          resources: ["arn:aws:s3:::rtl-dev-silver-111111111111", "arn:aws:s3:::rtl-dev-silver-111111111111/*"],
          condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        },
      ],
    });
    expect(res(out, "aws_s3_bucket_policy", "silver_policy").block).toStrictEqual({
      bucket: id,
      policy: ref(document.address, "json"),
      depends_on: [res(out, "aws_s3_bucket_public_access_block", "silver_public_access_block").address],
    });
  });
});

describe("SecureBucket without a key or log target", () => {
  const out = synth((s) => {
    new SecureBucket(s, "logs", {
      bucketName: "rtl-dev-logs-111111111111",
      partition: "aws",
      lifecycle: { noncurrentDays: 30 },
      policyStatements: [{ sid: "Extra", effect: "Allow", actions: ["s3:PutObject"], resources: ["arn:aws:s3:::rtl-dev-logs-111111111111/*"] }],
      policyDocuments: ["{\"Version\":\"2012-10-17\",\"Statement\":[]}"],
    });
  });

  it("encrypts with SSE-S3", () => {
    expect(res(out, "aws_s3_bucket_server_side_encryption_configuration", "logs_encryption").block.rule).toStrictEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } },
    ]);
  });

  it("does not log its own access", () => {
    expect(all(out.resource, "aws_s3_bucket_logging")).toHaveLength(0);
  });

  it("merges extra statements and whole documents into the TLS-only policy", () => {
    const document = data(out, "aws_iam_policy_document", "logs_policy_document").block;
    expect(document.source_policy_documents).toStrictEqual(["{\"Version\":\"2012-10-17\",\"Statement\":[]}"]);
    expect((document.statement as { sid: string }[]).map((s) => s.sid)).toStrictEqual(["DenyInsecureTransport", "Extra"]);
  });
});
