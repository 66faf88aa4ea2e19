import { azureStorageEncryption } from "../../guardrails/rules/azure-storage-encryption";
import { azureStoragePublicAccess } from "../../guardrails/rules/azure-storage-public-access";
import { azureStorageTls } from "../../guardrails/rules/azure-storage-tls";
import { bucket, stack, storageAccount } from "./stacks";

describe("Azure storage rules", () => {
  it("pass a storage account with infrastructure encryption, no public nested items and TLS 1.2", () => {
    const account = storageAccount(stack());
    for (const rule of [azureStorageEncryption, azureStoragePublicAccess, azureStorageTls]) expect(rule(account)).toStrictEqual([]);
  });

  it("ignore constructs that are not storage accounts", () => {
    for (const rule of [azureStorageEncryption, azureStoragePublicAccess, azureStorageTls]) expect(rule(bucket(stack()))).toBeUndefined();
  });

  it.each([
    { ruleId: "LH-AZ-STORAGE-ENCRYPTION", rule: azureStorageEncryption, why: "infrastructure encryption is off", overrides: { infrastructureEncryptionEnabled: false }, fix: /infrastructureEncryptionEnabled: true/ },
    { ruleId: "LH-AZ-STORAGE-ENCRYPTION", rule: azureStorageEncryption, why: "infrastructure encryption is left unset", overrides: { infrastructureEncryptionEnabled: undefined }, fix: /infrastructureEncryptionEnabled: true/ },
    { ruleId: "LH-AZ-STORAGE-PUBLIC-ACCESS", rule: azureStoragePublicAccess, why: "nested items may be public (azurerm's default)", overrides: { allowNestedItemsToBePublic: undefined }, fix: /allowNestedItemsToBePublic: false/ },
    { ruleId: "LH-AZ-STORAGE-TLS", rule: azureStorageTls, why: "TLS 1.0 is accepted", overrides: { minTlsVersion: "TLS1_0" }, fix: /minTlsVersion: "TLS1_2"/ },
    { ruleId: "LH-AZ-STORAGE-TLS", rule: azureStorageTls, why: "plain HTTP is allowed", overrides: { httpsTrafficOnlyEnabled: false }, fix: /httpsTrafficOnlyEnabled/ },
  ] as const)("$ruleId fails if $why", ({ ruleId, rule, overrides, fix }) => {
    const findings = rule(storageAccount(stack(), overrides));
    expect(findings).toHaveLength(1);
    expect(findings?.[0]).toMatchObject({ ruleId, path: "test/lake_account" });
    expect(findings?.[0].message).toMatch(fix);
  });
});
