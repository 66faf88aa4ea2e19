import { ScopedKmsKey } from "../../constructs/aws/kms-key";
import { res, synth } from "./synth";

const ROLE = "arn:aws:iam::111111111111:role/rtl-dev-unity-catalog";

describe("ScopedKmsKey", () => {
  const out = synth((s) => {
    new ScopedKmsKey(s, "bronze_key", { aliasName: "alias/rtl-dev-bronze", description: "bronze", partition: "aws", accountId: "111111111111", users: [ROLE] });
  });
  const key = res(out, "aws_kms_key", "bronze_key");
  const policy = JSON.parse(key.block.policy as string);

  it("rotates the key and keeps it 30 days after a deletion request", () => {
    expect(key.block.enable_key_rotation).toBe(true);
    expect(key.block.deletion_window_in_days).toBe(30);
  });

  it("lets the account administer the key but not encrypt or decrypt with it", () => {
    const admin = policy.Statement.find((s: { Sid: string }) => s.Sid === "AccountAdministersKey");
    expect(admin.Principal).toStrictEqual({ AWS: "arn:aws:iam::111111111111:root" });
    expect(admin.Effect).toBe("Allow");
    expect(admin.Condition).toBeUndefined();
    for (const action of admin.Action as string[]) expect(action).not.toMatch(/Encrypt|Decrypt|GenerateDataKey/);
    expect(admin.Action).toEqual(expect.arrayContaining(["kms:Put*", "kms:ScheduleKeyDeletion"]));
  });

  it("lets only the named roles use the key, by principal ARN condition so they need not exist yet", () => {
    const use = policy.Statement.find((s: { Sid: string }) => s.Sid === "NamedRolesUseKey");
    expect(use).toStrictEqual({
      Sid: "NamedRolesUseKey",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111111111111:root" },
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
      Resource: "*",
      Condition: { ArnEquals: { "aws:PrincipalArn": [ROLE] } },
    });
    expect(policy.Statement).toHaveLength(2);
  });

  it("names the key with its alias", () => {
    expect(res(out, "aws_kms_alias", "bronze_key_alias").block).toStrictEqual({
      name: "alias/rtl-dev-bronze",
      target_key_id: `\${${key.address}.key_id}`,
    });
  });
});
