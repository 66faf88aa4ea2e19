import { TimeSleep } from "../../constructs/common/time-sleep";
import { AdlsLake, type AdlsLakeProps, BLOB_ACCESS_LOG_CATEGORIES } from "../../constructs/azure/adls-lake";
import { LAYERS } from "../../platform";
import { address, only, resources, synthStack } from "./synth";

const props: AdlsLakeProps = {
  resourceGroupName: "rtl-dev-rg",
  location: "westeurope",
  accountName: "rtldevlake",
  accessConnectorId: "/subscriptions/s/resourceGroups/rtl-dev-rg/providers/Microsoft.Databricks/accessConnectors/rtl-dev-uc",
  tenantId: "11111111-1111-1111-1111-111111111111",
  allowedSubnetIds: ["host-subnet-id", "container-subnet-id"],
  accessLogWorkspaceId: "log-analytics-id",
  tags: { owner: "data" },
};
const privateEndpoints = { name: "rtl-prod-lake", subnetId: "endpoint-subnet-id", vnetId: "vnet-id" };

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

  it("sends every blob read, write and delete to the given Log Analytics workspace", () => {
    const accountId = `\${${address(out, "azurerm_storage_account", "lake_account")}.id}`;
    expect(only(out, "azurerm_monitor_diagnostic_setting")).toStrictEqual({
      name: "rtldevlake-blob-access",
      target_resource_id: `${accountId}/blobServices/default`,
      log_analytics_workspace_id: "log-analytics-id",
      enabled_log: [{ category: "StorageRead" }, { category: "StorageWrite" }, { category: "StorageDelete" }],
    });
    expect(BLOB_ACCESS_LOG_CATEGORIES).toStrictEqual(["StorageRead", "StorageWrite", "StorageDelete"]);
  });

  it("keeps its firewalled public endpoint, and has no private endpoints, by default", () => {
    expect(account.public_network_access_enabled).toBe(true);
    expect(resources(out, "azurerm_private_endpoint")).toStrictEqual({});
    expect(resources(out, "azurerm_private_dns_zone")).toStrictEqual({});
  });

  describe("with private endpoints and public network access closed", () => {
    const closed = synthStack((s) => new AdlsLake(s, "lake", { ...props, privateEndpoints, publicNetworkAccess: false }));
    const accountId = `\${${address(closed, "azurerm_storage_account", "lake_account")}.id}`;

    it("closes the public endpoint", () => {
      expect(only(closed, "azurerm_storage_account").public_network_access_enabled).toBe(false);
    });

    it("gets a dfs and a blob endpoint in the given subnet, each in its privatelink zone linked to the VNet", () => {
      const endpoints = Object.values(resources(closed, "azurerm_private_endpoint"));
      const zones = resources(closed, "azurerm_private_dns_zone");
      const links = Object.values(resources(closed, "azurerm_private_dns_zone_virtual_network_link"));
      expect(endpoints.map((e) => e.name).sort()).toStrictEqual(["rtl-prod-lake-blob", "rtl-prod-lake-dfs"]);
      for (const sub of ["dfs", "blob"]) {
        const zoneKey = Object.keys(zones).find((k) => zones[k].name === `privatelink.${sub}.core.windows.net`);
        expect(zones[zoneKey ?? ""]).toStrictEqual({ name: `privatelink.${sub}.core.windows.net`, resource_group_name: "rtl-dev-rg", tags: { owner: "data" } });
        expect(links).toContainEqual({
          name: `rtl-prod-lake-${sub}-dns`,
          resource_group_name: "rtl-dev-rg",
          private_dns_zone_name: `\${azurerm_private_dns_zone.${zoneKey}.name}`,
          virtual_network_id: "vnet-id",
          tags: { owner: "data" },
        });
        expect(endpoints.find((e) => e.name === `rtl-prod-lake-${sub}`)).toStrictEqual({
          name: `rtl-prod-lake-${sub}`,
          resource_group_name: "rtl-dev-rg",
          location: "westeurope",
          tags: { owner: "data" },
          subnet_id: "endpoint-subnet-id",
          private_service_connection: { name: `rtl-prod-lake-${sub}`, private_connection_resource_id: accountId, subresource_names: [sub], is_manual_connection: false },
          private_dns_zone_group: { name: `rtl-prod-lake-${sub}`, private_dns_zone_ids: [`\${azurerm_private_dns_zone.${zoneKey}.id}`] },
        });
      }
    });

    it("keeps creating its containers through Resource Manager, which needs no data-plane access", () => {
      for (const container of Object.values(resources(closed, "azurerm_storage_container"))) {
        expect(container.storage_account_id).toBe(accountId);
        expect(container.storage_account_name).toBeUndefined();
      }
    });
  });

  it("refuses to close public network access without private endpoints, which would leave the lake unreachable", () => {
    expect(() => synthStack((s) => new AdlsLake(s, "lake", { ...props, publicNetworkAccess: false }))).toThrow(/needs private endpoints/);
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
