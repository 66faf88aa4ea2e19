import { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { DATABRICKS_CONTROL_PLANE_ACCOUNT, WorkspaceKeys } from "../../constructs/aws/workspace-keys";
import { all, ref, res, synth } from "./synth";

const DATABRICKS_ACCOUNT = "00000000-0000-0000-0000-000000000000";
const ROLE = "arn:aws:iam::111111111111:role/rtl-prod-cross-account";
const out = synth((s) => {
  const provider = new DatabricksProvider(s, "account", { alias: "account", host: "https://accounts.cloud.databricks.com", accountId: DATABRICKS_ACCOUNT });
  new WorkspaceKeys(s, "keys", {
    provider,
    databricksAccountId: DATABRICKS_ACCOUNT,
    partition: "aws",
    accountId: "111111111111",
    region: "eu-west-1",
    aliases: { managedServices: "alias/rtl-prod-managed-services", storage: "alias/rtl-prod-workspace-storage" },
    crossAccountRoleArn: ROLE,
    description: "Retail prod",
  });
});
const databricks = { AWS: `arn:aws:iam::${DATABRICKS_CONTROL_PLANE_ACCOUNT}:root` };
const ourAccount = { StringEquals: { "aws:PrincipalTag/DatabricksAccountId": [DATABRICKS_ACCOUNT] } };
type Statement = { Sid: string };
/** The key policy's statements past the account's administration of the key (tested in kms-key.test.ts). */
const useStatements = (key: string) => {
  const policy = JSON.parse(res(out, "aws_kms_key", `keys_${key}_key`).block.policy as string) as { Statement: Statement[] };
  expect(policy.Statement[0].Sid).toBe("AccountAdministersKey");
  return policy.Statement.slice(1);
};

describe("WorkspaceKeys", () => {
  it("lets only the Databricks control plane, acting for our Databricks account, encrypt and decrypt with the managed services key", () => {
    expect(DATABRICKS_CONTROL_PLANE_ACCOUNT).toBe("414351767826");
    expect(useStatements("managed_services")).toStrictEqual([
      { Sid: "DatabricksControlPlaneManagedServices", Effect: "Allow", Principal: databricks, Action: ["kms:Encrypt", "kms:Decrypt"], Resource: "*", Condition: ourAccount },
    ]);
  });

  it("gives the storage key the root bucket, grant and EBS statements Databricks documents", () => {
    expect(useStatements("storage")).toStrictEqual([
      {
        Sid: "DatabricksWorkspaceStorage",
        Effect: "Allow",
        Principal: databricks,
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
        Resource: "*",
        Condition: ourAccount,
      },
      {
        Sid: "DatabricksWorkspaceStorageGrants",
        Effect: "Allow",
        Principal: databricks,
        Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
        Resource: "*",
        Condition: { ...ourAccount, Bool: { "kms:GrantIsForAWSResource": "true" } },
      },
      {
        Sid: "ClusterVolumes",
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::111111111111:root" },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey"],
        Resource: "*",
        Condition: { ArnEquals: { "aws:PrincipalArn": [ROLE] }, "ForAnyValue:StringLike": { "kms:ViaService": "ec2.*.amazonaws.com" } },
      },
    ]);
  });

  it("rotates both keys and names them with their aliases", () => {
    for (const [key, alias] of [["managed_services", "alias/rtl-prod-managed-services"], ["storage", "alias/rtl-prod-workspace-storage"]]) {
      const kms = res(out, "aws_kms_key", `keys_${key}_key`);
      expect(kms.block.enable_key_rotation).toBe(true);
      expect(res(out, "aws_kms_alias", `keys_${key}_key_alias`).block).toStrictEqual({ name: alias, target_key_id: ref(kms.address, "key_id") });
    }
  });

  it("registers each key with the account for its one use case", () => {
    const registration = (key: string, alias: string, useCase: string) => ({
      provider: "databricks.account",
      account_id: DATABRICKS_ACCOUNT,
      use_cases: [useCase],
      aws_key_info: { key_arn: ref(res(out, "aws_kms_key", `keys_${key}_key`).address, "arn"), key_alias: alias, key_region: "eu-west-1" },
    });
    expect(res(out, "databricks_mws_customer_managed_keys", "keys_managed_services").block).toStrictEqual(
      registration("managed_services", "alias/rtl-prod-managed-services", "MANAGED_SERVICES"),
    );
    expect(res(out, "databricks_mws_customer_managed_keys", "keys_storage").block).toStrictEqual(registration("storage", "alias/rtl-prod-workspace-storage", "STORAGE"));
    expect(all(out.resource, "databricks_mws_customer_managed_keys")).toHaveLength(2);
  });
});
