import { TerraformOutput } from "cdktf";
import { AwsFoundation } from "../../constructs/aws/aws-foundation";
import { LAYERS } from "../../platform";
import { awsEnv, platform } from "../fixtures/platform";
import { all, data, ref, res, synth } from "./synth";

const environment = awsEnv("prod");
let foundation!: AwsFoundation;
const out = synth((s) => {
  foundation = new AwsFoundation(s, "aws", { platform, environment });
  // Outputs show how the token-valued hand-over attributes resolve.
  new TerraformOutput(s, "workspace_url", { value: foundation.workspaceUrl });
  new TerraformOutput(s, "workspace_id", { value: foundation.workspaceId });
});

describe("AwsFoundation providers", () => {
  it("configures AWS in the spec's region, only for the spec's account, tagging everything with the platform tags and the environment", () => {
    expect(out.provider.aws).toStrictEqual([
      {
        region: "eu-west-1",
        allowed_account_ids: [environment.aws.accountId],
        default_tags: [{ tags: { costCenter: "cc-4711", owner: "data-platform@example.com", project: "retail-lakehouse", environment: "prod" } }],
      },
    ]);
  });

  it("has an account-level and a workspace-level Databricks provider, neither naming an auth type (the deployer's environment picks OIDC or OAuth M2M)", () => {
    const workspace = res(out, "databricks_mws_workspaces", "aws_workspace");
    expect(out.provider.databricks).toStrictEqual([
      { alias: "account", host: "https://accounts.cloud.databricks.com", account_id: environment.databricksAccountId },
      { alias: "workspace", host: ref(workspace.address, "workspace_url") },
    ]);
    expect(foundation.accountProvider.alias).toBe("account");
    expect(foundation.workspaceProvider.alias).toBe("workspace");
  });

  it("names the account provider on every Databricks resource and data source", () => {
    const blocks = [out.resource, out.data].flatMap((kind) =>
      Object.entries(kind).filter(([type]) => type.startsWith("databricks_")).flatMap(([, byId]) => Object.values(byId)),
    );
    expect(blocks.length).toBeGreaterThan(8);
    for (const block of blocks) expect(block.provider).toBe("databricks.account");
  });
});

describe("AwsFoundation lake storage", () => {
  it("has one bucket per layer, SSE-KMS under the layer's own key with a bucket key", () => {
    for (const layer of LAYERS) {
      const key = res(out, "aws_kms_key", `lake_${layer}_key`);
      expect(res(out, "aws_s3_bucket", `lake_${layer}_bucket`).block.bucket).toBe(`rtl-prod-${layer}-111111111111`);
      expect(res(out, "aws_s3_bucket_server_side_encryption_configuration", `lake_${layer}_encryption`).block.rule).toStrictEqual([
        { apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: ref(key.address, "arn") }, bucket_key_enabled: true },
      ]);
      expect(key.block.enable_key_rotation).toBe(true);
      expect(res(out, "aws_kms_alias", `lake_${layer}_key_alias`).block.name).toBe(`alias/rtl-prod-${layer}`);
    }
  });

  it("lets only the Unity Catalog role use the layer keys", () => {
    for (const layer of LAYERS) {
      const policy = JSON.parse(res(out, "aws_kms_key", `lake_${layer}_key`).block.policy as string);
      const use = policy.Statement.find((s: { Sid: string }) => s.Sid === "NamedRolesUseKey");
      expect(use.Condition).toStrictEqual({ ArnEquals: { "aws:PrincipalArn": ["arn:aws:iam::111111111111:role/rtl-prod-unity-catalog"] } });
    }
  });

  it("blocks public access, enforces bucket ownership, versions and denies plain HTTP on every bucket", () => {
    const buckets = all(out.resource, "aws_s3_bucket");
    expect(buckets.map((b) => b.bucket).sort()).toStrictEqual(
      ["audit", "bronze", "gold", "landing", "logs", "root", "silver"].map((p) => `rtl-prod-${p}-111111111111`),
    );
    for (const pab of all(out.resource, "aws_s3_bucket_public_access_block")) {
      expect([pab.block_public_acls, pab.block_public_policy, pab.ignore_public_acls, pab.restrict_public_buckets]).toStrictEqual([true, true, true, true]);
    }
    expect(all(out.resource, "aws_s3_bucket_ownership_controls").map((o) => o.rule)).toStrictEqual(
      Array(7).fill({ object_ownership: "BucketOwnerEnforced" }),
    );
    expect(all(out.resource, "aws_s3_bucket_versioning").map((v) => v.versioning_configuration)).toStrictEqual(Array(7).fill({ status: "Enabled" }));
    const documents = all(out.data, "aws_iam_policy_document");
    expect(documents).toHaveLength(7);
    for (const document of documents) {
      expect((document.statement as Record<string, unknown>[])[0]).toMatchObject({
        sid: "DenyInsecureTransport",
        effect: "Deny",
        condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
      });
    }
  });

  it("applies each layer's retention: landing expires, Delta layers only expire noncurrent versions", () => {
    const rule = (layer: string) => (res(out, "aws_s3_bucket_lifecycle_configuration", `lake_${layer}_lifecycle`).block.rule as Record<string, unknown>[])[0];
    expect(rule("landing").expiration).toStrictEqual([{ days: 30 }]);
    expect(rule("landing").transition).toBeUndefined();
    expect(rule("bronze").expiration).toBeUndefined();
    expect(rule("bronze").transition).toStrictEqual([
      { days: 30, storage_class: "STANDARD_IA" },
      { days: 90, storage_class: "GLACIER_IR" },
    ]);
    for (const layer of LAYERS) expect(rule(layer).noncurrent_version_expiration).toStrictEqual([{ noncurrent_days: environment.retentionDays[layer] }]);
  });

  it("logs every bucket's access to the log bucket, which logs nothing itself and is SSE-S3", () => {
    const targets = all(out.resource, "aws_s3_bucket_logging").map((l) => [l.target_bucket, l.target_prefix]);
    expect(targets.sort()).toStrictEqual(
      ["audit", "bronze", "gold", "landing", "root", "silver"].map((p) => ["rtl-prod-logs-111111111111", `rtl-prod-${p}-111111111111/`]),
    );
    expect(res(out, "aws_s3_bucket_server_side_encryption_configuration", "access_logs_bucket_encryption").block.rule).toStrictEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } },
    ]);
    expect((data(out, "aws_iam_policy_document", "access_logs_bucket_policy_document").block.statement as unknown[])[1]).toStrictEqual({
      sid: "S3ServerAccessLogDelivery",
      effect: "Allow",
      principals: [{ type: "Service", identifiers: ["logging.s3.amazonaws.com"] }],
      actions: ["s3:PutObject"],
      resources: ["arn:aws:s3:::rtl-prod-logs-111111111111/*"],
      condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: ["111111111111"] }],
    });
    expect(res(out, "aws_s3_bucket_lifecycle_configuration", "access_logs_bucket_lifecycle").block.rule).toMatchObject([{ expiration: [{ days: 1825 }] }]);
  });
});

describe("AwsFoundation hand-over to the Databricks half", () => {
  it("hands over the region, the workspace and the layers' s3 URLs and bucket names", () => {
    const workspace = res(out, "databricks_mws_workspaces", "aws_workspace").address;
    expect(foundation.cloud).toBe("aws");
    expect(foundation.region).toBe("eu-west-1");
    expect(out.output.workspace_url.value).toBe(ref(workspace, "workspace_url"));
    expect(out.output.workspace_id.value).toBe(ref(workspace, "workspace_id"));
    expect(foundation.layerUrls).toStrictEqual({
      landing: "s3://rtl-prod-landing-111111111111",
      bronze: "s3://rtl-prod-bronze-111111111111",
      silver: "s3://rtl-prod-silver-111111111111",
      gold: "s3://rtl-prod-gold-111111111111",
    });
    expect(foundation.storageNames).toStrictEqual({
      landing: "rtl-prod-landing-111111111111",
      bronze: "rtl-prod-bronze-111111111111",
      silver: "rtl-prod-silver-111111111111",
      gold: "rtl-prod-gold-111111111111",
    });
  });

  it("names the Unity Catalog role by its constructed ARN, before the role exists", () => {
    expect(foundation.storageCredentialIdentity).toStrictEqual({ awsIamRole: { roleArn: "arn:aws:iam::111111111111:role/rtl-prod-unity-catalog" } });
    expect(Object.keys(out.resource.aws_iam_role ?? {}).some((k) => k.includes("unity_catalog"))).toBe(false);
  });

  it("hands over the spot attributes of the environment's compute", () => {
    expect(foundation.computeAttributes.jobCluster.awsAttributes).toStrictEqual({
      availability: "SPOT_WITH_FALLBACK",
      firstOnDemand: 1,
      spotBidPricePercent: 100,
      zoneId: "auto",
    });
  });
});
