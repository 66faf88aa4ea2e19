import { AwsFoundation } from "../../constructs/aws/aws-foundation";
import { awsEnv, platform } from "../fixtures/platform";
import { all, data, ref, res, synth } from "./synth";

const environment = awsEnv("prod");
const AUDIT_TYPES = ["databricks_mws_log_delivery", "databricks_mws_credentials", "databricks_mws_storage_configurations"];

describe("AwsFoundation audit log delivery, enabled", () => {
  const out = synth((s) => new AwsFoundation(s, "aws", { platform, environment }));
  const role = res(out, "aws_iam_role", "audit_logs_role");

  it("delivers JSON audit logs of this environment's workspace, on the account provider", () => {
    expect(res(out, "databricks_mws_log_delivery", "audit_logs_log_delivery").block).toStrictEqual({
      provider: "databricks.account",
      account_id: environment.databricksAccountId,
      config_name: "rtl-prod-audit-logs",
      log_type: "AUDIT_LOGS",
      output_format: "JSON",
      credentials_id: ref(res(out, "databricks_mws_credentials", "audit_logs_credentials").address, "credentials_id"),
      storage_configuration_id: ref(res(out, "databricks_mws_storage_configurations", "audit_logs_storage_configuration").address, "storage_configuration_id"),
      workspace_ids_filter: [ref(res(out, "databricks_mws_workspaces", "aws_workspace").address, "workspace_id")],
      depends_on: [res(out, "aws_s3_bucket_policy", "audit_logs_bucket_policy").address],
    });
  });

  it("uses a role trusting Databricks log delivery, registered after IAM propagation", () => {
    const trust = data(out, "databricks_aws_assume_role_policy", "audit_logs_trust");
    expect(trust.block).toStrictEqual({
      provider: "databricks.account",
      external_id: environment.databricksAccountId,
      for_log_delivery: true,
      aws_partition: "aws",
    });
    expect(role.block).toMatchObject({ name: "rtl-prod-log-delivery", assume_role_policy: ref(trust.address, "json") });
    const sleep = res(out, "time_sleep", "audit_logs_iam_propagation");
    expect(res(out, "databricks_mws_credentials", "audit_logs_credentials").block).toStrictEqual({
      provider: "databricks.account",
      credentials_name: "rtl-prod-log-credentials",
      role_arn: ref(role.address, "arn"),
      depends_on: [sleep.address],
    });
  });

  it("writes to a dedicated bucket under its own KMS key, which only the delivery role may use", () => {
    const key = res(out, "aws_kms_key", "audit_logs_key");
    expect(res(out, "aws_s3_bucket", "audit_logs_bucket").block.bucket).toBe("rtl-prod-audit-111111111111");
    expect(res(out, "aws_s3_bucket_server_side_encryption_configuration", "audit_logs_bucket_encryption").block.rule).toStrictEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: ref(key.address, "arn") }, bucket_key_enabled: true },
    ]);
    const keyPolicy = JSON.parse(key.block.policy as string);
    expect(keyPolicy.Statement[1].Condition).toStrictEqual({ ArnEquals: { "aws:PrincipalArn": ["arn:aws:iam::111111111111:role/rtl-prod-log-delivery"] } });
    expect(JSON.parse(res(out, "aws_iam_role_policy", "audit_logs_key_use").block.policy as string)).toStrictEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Encrypt", "kms:Decrypt"], Resource: ref(key.address, "arn") }],
    });
  });

  it("grants the delivery role the bucket through Databricks' policy, beside the TLS-only deny", () => {
    const access = data(out, "databricks_aws_bucket_policy", "audit_logs_databricks_access");
    expect(access.block).toStrictEqual({
      provider: "databricks.account",
      bucket: "rtl-prod-audit-111111111111",
      aws_partition: "aws",
      full_access_role: ref(role.address, "arn"),
    });
    expect(data(out, "aws_iam_policy_document", "audit_logs_bucket_policy_document").block.source_policy_documents).toStrictEqual([ref(access.address, "json")]);
    expect(res(out, "databricks_mws_storage_configurations", "audit_logs_storage_configuration").block).toMatchObject({
      storage_configuration_name: "rtl-prod-log-storage",
      bucket_name: ref(res(out, "aws_s3_bucket", "audit_logs_bucket").address, "bucket"),
    });
  });
});

describe("AwsFoundation audit log delivery, disabled", () => {
  it("creates no delivery, no audit bucket and no delivery role", () => {
    const out = synth((s) => new AwsFoundation(s, "aws", { platform: { ...platform, auditLogs: { enabled: false } }, environment }));
    expect(all(out.resource, "databricks_mws_log_delivery")).toHaveLength(0);
    expect(AUDIT_TYPES.map((t) => Object.keys(out.resource[t] ?? {}).filter((k) => k.includes("audit_logs")))).toStrictEqual([[], [], []]);
    expect(all(out.resource, "aws_s3_bucket").map((b) => b.bucket)).not.toContain("rtl-prod-audit-111111111111");
    expect(all(out.resource, "aws_iam_role").map((r) => r.name)).toStrictEqual(["rtl-prod-cross-account"]);
  });
});
