import { ExternalLocation } from "@cdktf/provider-databricks/lib/external-location";
import { StorageCredential } from "@cdktf/provider-databricks/lib/storage-credential";
import { AwsFoundation } from "../../constructs/aws/aws-foundation";
import { TimeSleep } from "../../constructs/common/time-sleep";
import { LAYERS } from "../../platform";
import { awsEnv, platform } from "../fixtures/platform";
import { all, data, ref, res, synth } from "./synth";

const ROLE_ARN = "arn:aws:iam::111111111111:role/rtl-prod-unity-catalog";
let waitFor: unknown[] = [];
const out = synth((s) => {
  const foundation = new AwsFoundation(s, "aws", { platform, environment: awsEnv("prod") });
  const credential = new StorageCredential(s, "credential", {
    provider: foundation.workspaceProvider,
    name: "rtl_prod_lake",
    awsIamRole: foundation.storageCredentialIdentity.awsIamRole,
  });
  waitFor = foundation.bindStorageCredential(credential);
  new ExternalLocation(s, "bronze_location", {
    provider: foundation.workspaceProvider,
    name: "rtl_prod_bronze",
    url: foundation.layerUrls.bronze,
    credentialName: credential.name,
    dependsOn: waitFor as TimeSleep[],
  });
});
const role = res(out, "aws_iam_role", "aws_unity_catalog_role");

describe("AwsFoundation.bindStorageCredential", () => {
  it("lets the storage credential name the role by the ARN built from its name", () => {
    expect(res(out, "databricks_storage_credential", "credential").block.aws_iam_role).toStrictEqual({ role_arn: ROLE_ARN });
    expect(role.block.name).toBe("rtl-prod-unity-catalog");
  });

  it("makes the role trust Unity Catalog with the external id the credential got, and itself", () => {
    const trust = data(out, "databricks_aws_unity_catalog_assume_role_policy", "unity_catalog_role_trust");
    expect(trust.block).toStrictEqual({
      provider: "databricks.account",
      aws_account_id: "111111111111",
      aws_partition: "aws",
      role_name: "rtl-prod-unity-catalog",
      external_id: "${databricks_storage_credential.credential.aws_iam_role[0].external_id}",
      unity_catalog_iam_arn: "${databricks_storage_credential.credential.aws_iam_role[0].unity_catalog_iam_arn}",
    });
    expect(role.block.assume_role_policy).toBe(ref(trust.address, "json"));
  });

  it("grants the role each layer's bucket and key through Databricks' generated policy", () => {
    for (const layer of LAYERS) {
      const document = data(out, "databricks_aws_unity_catalog_policy", `unity_catalog_role_${layer}_policy_document`);
      expect(document.block).toStrictEqual({
        provider: "databricks.account",
        aws_account_id: "111111111111",
        aws_partition: "aws",
        role_name: "rtl-prod-unity-catalog",
        bucket_name: `rtl-prod-${layer}-111111111111`,
        kms_name: ref(res(out, "aws_kms_key", `lake_${layer}_key`).address, "arn"),
      });
      const policy = res(out, "aws_iam_policy", `unity_catalog_role_${layer}_policy`);
      expect(policy.block).toStrictEqual({ name: `rtl-prod-unity-catalog-${layer}`, policy: ref(document.address, "json") });
      expect(res(out, "aws_iam_role_policy_attachment", `unity_catalog_role_${layer}_policy_attachment`).block).toStrictEqual({
        role: ref(role.address, "name"),
        policy_arn: ref(policy.address, "arn"),
      });
    }
  });

  it("returns a 30s wait after the role and its policies, which external locations depend on", () => {
    expect(waitFor).toHaveLength(1);
    expect(waitFor[0]).toBeInstanceOf(TimeSleep);
    const sleep = res(out, "time_sleep", "unity_catalog_role_iam_propagation");
    expect(sleep.block).toStrictEqual({
      create_duration: "30s",
      depends_on: [role.address, ...LAYERS.map((l) => res(out, "aws_iam_role_policy_attachment", `unity_catalog_role_${l}_policy_attachment`).address)],
      provider: "time",
    });
    expect(res(out, "databricks_external_location", "bronze_location").block.depends_on).toStrictEqual([sleep.address]);
  });

  it("creates the role only when the credential is bound", () => {
    const unbound = synth((s) => new AwsFoundation(s, "aws", { platform, environment: awsEnv("prod") }));
    expect(all(unbound.data, "databricks_aws_unity_catalog_assume_role_policy")).toHaveLength(0);
    expect(all(unbound.resource, "aws_iam_policy")).toHaveLength(0);
  });
});
