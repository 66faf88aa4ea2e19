import { TimeSleep } from "../../constructs/common/time-sleep";
import { AdlsLake, type AdlsLakeProps } from "../../constructs/azure/adls-lake";
import { LAYERS } from "../../spec";
import { address, only, resources, synthStack } from "./synth";

const props: AdlsLakeProps = {
  resourceGroupName: "rtl-dev-rg",
  location: "westeurope",
  accountName: "rtldevlake",
  accessConnectorId: "/subscriptions/s/resourceGroups/rtl-dev-rg/providers/Microsoft.Databricks/accessConnectors/rtl-dev-uc",
  tenantId: "11111111-1111-1111-1111-111111111111",
  allowedSubnetIds: ["host-subnet-id", "container-subnet-id"],
  tags: { owner: "data" },
};

describe("AdlsLake", () => {
  const out = synthStack((s) => new AdlsLake(s, "lake", props));
  const account = only(out, "azurerm_storage_account");

  it("is an ADLS Gen2 account (hierarchical namespace, StorageV2) that only takes TLS 1.2+ over HTTPS", () => {
    expect(account).toMatchObject({
      name: "rtldevlake",
      account_kind: "StorageV2",
      is_hns_enabled: true,
      min_tls_version: "TLS1_2",
      https_traffic_only_enabled: true,
      tags: { owner: "data" },
    });
  });

  it("allows no public blobs, no shared keys and no local users, and encrypts at the infrastructure layer too", () => {
    expect(account.allow_nested_items_to_be_public).toBe(false);
    expect(account.shared_access_key_enabled).toBe(false);
    expect(account.default_to_oauth_authentication).toBe(true);
    expect(account.local_user_enabled).toBe(false);
    expect(account.infrastructure_encryption_enabled).toBe(true);
  });

  it("denies the network by default, letting through Azure services, the workspace subnets and the access connector", () => {
    expect(account.network_rules).toStrictEqual({
      default_action: "Deny",
      bypass: ["AzureServices"],
      virtual_network_subnet_ids: ["host-subnet-id", "container-subnet-id"],
      private_link_access: [{ endpoint_resource_id: props.accessConnectorId, endpoint_tenant_id: props.tenantId }],
    });
  });

  it("keeps deleted blobs and containers restorable, and leaves versioning off (unsupported with a hierarchical namespace)", () => {
    expect(account.blob_properties).toStrictEqual({
      delete_retention_policy: { days: 14 },
      container_delete_retention_policy: { days: 14 },
    });
  });

  it("has one private container per layer, created through Resource Manager (storage_account_id)", () => {
    const byName = Object.fromEntries(Object.values(resources(out, "azurerm_storage_container")).map((c) => [c.name, c]));
    const accountId = `\${${address(out, "azurerm_storage_account", "lake_account")}.id}`;
    expect(byName).toStrictEqual(
      Object.fromEntries(LAYERS.map((layer) => [layer, { name: layer, container_access_type: "private", storage_account_id: accountId }])),
    );
  });

  it("uses Microsoft-managed keys unless given a customer-managed key", () => {
    expect(account.customer_managed_key).toBeUndefined();
    expect(account.identity).toBeUndefined();
  });

  it("encrypts with a customer-managed key through its user-assigned identity, once the identity's grant exists", () => {
    const withKey = synthStack((s) => {
      const ready = new TimeSleep(s, "grant-wait", { createDuration: "60s", dependsOn: [] });
      new AdlsLake(s, "lake", { ...props, encryptionKey: { keyVaultKeyId: "https://kv.vault.azure.net/keys/lake", identityId: "uai-id", ready } });
    });
    const encrypted = only(withKey, "azurerm_storage_account");
    expect(encrypted.identity).toStrictEqual({ type: "UserAssigned", identity_ids: ["uai-id"] });
    expect(encrypted.customer_managed_key).toStrictEqual({ key_vault_key_id: "https://kv.vault.azure.net/keys/lake", user_assigned_identity_id: "uai-id" });
    expect(encrypted.depends_on).toStrictEqual(["time_sleep.grant-wait"]);
  });
});
