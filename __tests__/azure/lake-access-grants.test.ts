import { LakeAccessGrants } from "../../constructs/azure/lake-access-grants";
import { only, resources, synthStack } from "./synth";

describe("LakeAccessGrants", () => {
  const out = synthStack((s) => new LakeAccessGrants(s, "grants", { principalId: "connector-principal", storageAccountId: "account-id", resourceGroupId: "rg-id" }));
  const assignments = resources(out, "azurerm_role_assignment");

  it("grants the access connector data access on the account and the Auto Loader notification roles", () => {
    const byRole = Object.fromEntries(Object.values(assignments).map((a) => [a.role_definition_name, a]));
    const grant = (scope: string) => ({ scope, principal_id: "connector-principal", principal_type: "ServicePrincipal" });
    expect(byRole).toStrictEqual({
      "Storage Blob Data Contributor": { ...grant("account-id"), role_definition_name: "Storage Blob Data Contributor" },
      "Storage Queue Data Contributor": { ...grant("account-id"), role_definition_name: "Storage Queue Data Contributor" },
      "EventGrid EventSubscription Contributor": { ...grant("rg-id"), role_definition_name: "EventGrid EventSubscription Contributor" },
    });
  });

  it("waits for every role assignment to propagate", () => {
    const sleep = only(out, "time_sleep");
    expect(sleep.create_duration).toBe("60s");
    expect([...(sleep.depends_on as string[])].sort()).toStrictEqual(Object.keys(assignments).map((k) => `azurerm_role_assignment.${k}`).sort());
  });
});
