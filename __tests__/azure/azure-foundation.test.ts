import { TerraformOutput } from "cdktf";
import type { TimeSleep } from "../../constructs/common/time-sleep";
import { AzureFoundation } from "../../constructs/azure/azure-foundation";
import { type AzureEnvironment, LAYERS } from "../../platform";
import { azureEnv, platform } from "../fixtures/platform";
import { address, only, resources, synthStack, type Synthesized } from "./synth";

/** Synthesizes the foundation of an environment, with its CloudFoundation values as outputs. */
function synthFoundation(environment: AzureEnvironment): { out: Synthesized; foundation: AzureFoundation } {
  let foundation!: AzureFoundation;
  const out = synthStack((s) => {
    foundation = new AzureFoundation(s, "azure", { platform, environment });
    new TerraformOutput(s, "workspace_url", { value: foundation.workspaceUrl });
    new TerraformOutput(s, "workspace_id", { value: foundation.workspaceId });
    new TerraformOutput(s, "connector", { value: foundation.storageCredentialIdentity.azureManagedIdentity?.accessConnectorId });
    for (const layer of LAYERS) {
      new TerraformOutput(s, `url_${layer}`, { value: foundation.layerUrls[layer] });
      new TerraformOutput(s, `name_${layer}`, { value: foundation.storageNames[layer] });
    }
  });
  return { out, foundation };
}

const TAGGABLE = [
  "azurerm_resource_group",
  "azurerm_virtual_network",
  "azurerm_network_security_group",
  "azurerm_storage_account",
  "azurerm_databricks_access_connector",
  "azurerm_databricks_workspace",
  "azurerm_log_analytics_workspace",
  "azurerm_user_assigned_identity",
  "azurerm_private_endpoint",
  "azurerm_private_dns_zone",
  "azurerm_private_dns_zone_virtual_network_link",
];
const UNTAGGABLE = [
  "azurerm_subnet",
  "azurerm_consumption_budget_resource_group",
  "azurerm_subnet_network_security_group_association",
  "azurerm_storage_container",
  "azurerm_storage_management_policy",
  "azurerm_role_assignment",
  "azurerm_monitor_diagnostic_setting",
  // Arguments are workspace_id, key_vault_key_id and key_vault_id only (azurerm docs): no tags.
  "azurerm_databricks_workspace_root_dbfs_customer_managed_key",
  "time_sleep",
];

describe("AzureFoundation", () => {
  const dev = azureEnv("dev");
  const { out, foundation } = synthFoundation(dev);
  const ref = (type: string, idPart: string, attr: string) => `\${${address(out, type, idPart)}.${attr}}`;

  it("configures azurerm for the spec's subscription and tenant, with Entra ID for storage and no data-plane calls through the lake's firewall", () => {
    expect(out.provider?.azurerm).toStrictEqual([
      {
        features: [{ storage: [{ data_plane_available: false }] }],
        subscription_id: dev.azure.subscriptionId,
        tenant_id: dev.azure.tenantId,
        storage_use_azuread: true,
      },
    ]);
  });

  it("has only aliased Databricks providers (account console, and the created workspace), so every Databricks resource must name one", () => {
    expect(out.provider?.databricks).toStrictEqual([
      { alias: "account", host: "https://accounts.azuredatabricks.net", account_id: dev.databricksAccountId },
      {
        alias: "workspace",
        host: `https://${ref("azurerm_databricks_workspace", "workspace", "workspace_url")}`,
        azure_workspace_resource_id: ref("azurerm_databricks_workspace", "workspace", "id"),
      },
    ]);
    expect(foundation.accountProvider.alias).toBe("account");
    expect(foundation.workspaceProvider.alias).toBe("workspace");
  });

  it("puts everything in one resource group per environment, in the spec's location", () => {
    expect(only(out, "azurerm_resource_group")).toMatchObject({ name: "rtl-dev-rg", location: "westeurope" });
    expect(foundation.region).toBe("westeurope");
  });

  it.each(["dev", "prod"])("tags every taggable resource of %s with the platform's tags and the environment", (name) => {
    const synthesized = name === "dev" ? out : synthFoundation(azureEnv(name)).out;
    const tags = { ...platform.tags, environment: name };
    for (const type of Object.keys(synthesized.resource)) expect([...TAGGABLE, ...UNTAGGABLE]).toContain(type);
    for (const type of TAGGABLE) {
      for (const r of Object.values(resources(synthesized, type))) expect(r.tags).toStrictEqual(tags);
    }
  });

  it("names the lake account from the naming module and admits the access connector and the workspace subnets", () => {
    const account = only(out, "azurerm_storage_account");
    expect(account.name).toBe("rtldevlake");
    expect(account.network_rules).toMatchObject({
      default_action: "Deny",
      private_link_access: [{ endpoint_resource_id: ref("azurerm_databricks_access_connector", "access-connector", "id"), endpoint_tenant_id: dev.azure.tenantId }],
      virtual_network_subnet_ids: [ref("azurerm_subnet", "network_host", "id"), ref("azurerm_subnet", "network_container", "id")],
    });
  });

  it("takes the storage account name from the spec when it names one", () => {
    const named = synthFoundation({ ...dev, azure: { ...dev.azure, storageAccountName: "customlake01" } }).out;
    expect(only(named, "azurerm_storage_account").name).toBe("customlake01");
  });

  it("gives the access connector a system-assigned identity and grants that identity the lake roles", () => {
    expect(only(out, "azurerm_databricks_access_connector")).toMatchObject({ name: "rtl-dev-uc", identity: { type: "SystemAssigned" } });
    const principal = ref("azurerm_databricks_access_connector", "access-connector", "identity[0].principal_id");
    const assignments = Object.values(resources(out, "azurerm_role_assignment"));
    expect(assignments.map((a) => [a.role_definition_name, a.scope, a.principal_id])).toStrictEqual([
      ["Storage Blob Data Contributor", ref("azurerm_storage_account", "lake_account", "id"), principal],
      ["EventGrid EventSubscription Contributor", ref("azurerm_resource_group", "resource-group", "id"), principal],
      ["Storage Queue Data Contributor", ref("azurerm_storage_account", "lake_account", "id"), principal],
    ]);
  });

  it("hands over the access connector as the storage credential's identity, and the propagation wait as what locations wait for", () => {
    expect(out.output?.connector.value).toBe(ref("azurerm_databricks_access_connector", "access-connector", "id"));
    const waits = foundation.bindStorageCredential() as TimeSleep[];
    expect(waits.map((w) => w.node.path)).toStrictEqual(["test/azure/lake-access/propagation"]);
    expect(only(out, "time_sleep").depends_on).toHaveLength(3);
  });

  it("hands over abfss:// layer URLs and account/container storage names", () => {
    for (const layer of LAYERS) {
      const container = ref("azurerm_storage_container", `lake_${layer}`, "name");
      const account = ref("azurerm_storage_account", "lake_account", "name");
      expect(out.output?.[`url_${layer}`].value).toBe(`abfss://${container}@${account}.dfs.core.windows.net/`);
      expect(out.output?.[`name_${layer}`].value).toBe(`${account}/${container}`);
    }
  });

  it("hands over the workspace's https URL and numeric id", () => {
    expect(out.output?.workspace_url.value).toBe(`https://${ref("azurerm_databricks_workspace", "workspace", "workspace_url")}`);
    expect(out.output?.workspace_id.value).toBe(ref("azurerm_databricks_workspace", "workspace", "workspace_id"));
  });

  it("injects the workspace into the environment's VNet, public access as the spec says", () => {
    expect(only(out, "azurerm_virtual_network").address_space).toStrictEqual([dev.azure.network.vnetCidr]);
    expect(only(out, "azurerm_databricks_workspace")).toMatchObject({
      name: "rtl-dev-workspace",
      public_network_access_enabled: true,
      custom_parameters: { no_public_ip: true, virtual_network_id: ref("azurerm_virtual_network", "vnet", "id") },
    });
    const prod = synthFoundation(azureEnv("prod")).out;
    expect(only(prod, "azurerm_databricks_workspace").public_network_access_enabled).toBe(false);
  });

  it("tiers the lake by the environment's retention", () => {
    const rules = only(out, "azurerm_storage_management_policy").rule as Array<{ name: string; actions: { base_blob: Record<string, number> } }>;
    expect(rules.find((r) => r.name === "landing")?.actions.base_blob.delete_after_days_since_modification_greater_than).toBe(dev.retentionDays.landing);
  });

  it("sends the workspace's audit trail and the lake's blob reads, writes and deletes to the environment's Log Analytics workspace", () => {
    const settings = Object.values(resources(out, "azurerm_monitor_diagnostic_setting"));
    const logs = ref("azurerm_log_analytics_workspace", "audit", "id");
    expect(settings.map((d) => [d.target_resource_id, d.log_analytics_workspace_id])).toStrictEqual([
      [ref("azurerm_databricks_workspace", "workspace", "id"), logs],
      [`${ref("azurerm_storage_account", "lake_account", "id")}/blobServices/default`, logs],
    ]);
    expect(settings[1].enabled_log).toStrictEqual([{ category: "StorageRead" }, { category: "StorageWrite" }, { category: "StorageDelete" }]);
  });

  it("leaves the workspace's DBFS root on Microsoft-managed keys without a customer-managed key in the spec", () => {
    expect(dev.azure.customerManagedKey).toBeUndefined();
    expect(only(out, "azurerm_databricks_workspace").customer_managed_key_enabled).toBeUndefined();
    expect(resources(out, "azurerm_databricks_workspace_root_dbfs_customer_managed_key")).toStrictEqual({});
  });

  it("takes its compute attributes from the environment's spot policy", () => {
    expect(foundation.computeAttributes.jobCluster.azureAttributes).toStrictEqual({ availability: "SPOT_WITH_FALLBACK_AZURE", firstOnDemand: 1, spotBidMaxPrice: -1 });
  });

  describe("with a customer-managed key", () => {
    const cmk = { keyVaultId: "/subscriptions/s/resourceGroups/kv/providers/Microsoft.KeyVault/vaults/rtl-kv", keyName: "lake" };
    const { out: keyed } = synthFoundation({ ...dev, azure: { ...dev.azure, customerManagedKey: cmk } });
    const keyRef = (attr: string) => `\${${Object.keys(keyed.data?.azurerm_key_vault_key ?? {}).map((k) => `data.azurerm_key_vault_key.${k}`)[0]}.${attr}}`;
    const identity = `\${${address(keyed, "azurerm_user_assigned_identity", "cmk")}.id}`;

    it("lets a user-assigned identity use the key, then creates the account encrypted with it", () => {
      expect(Object.values(keyed.data?.azurerm_key_vault_key ?? {})).toStrictEqual([{ key_vault_id: cmk.keyVaultId, name: "lake" }]);
      const keyUser = Object.values(resources(keyed, "azurerm_role_assignment")).find((a) => a.role_definition_name === "Key Vault Crypto Service Encryption User");
      expect(keyUser).toMatchObject({ scope: keyRef("resource_versionless_id"), principal_id: `\${${address(keyed, "azurerm_user_assigned_identity", "cmk")}.principal_id}` });
      const account = only(keyed, "azurerm_storage_account");
      expect(account.identity).toStrictEqual({ type: "UserAssigned", identity_ids: [identity] });
      expect(account.customer_managed_key).toStrictEqual({ key_vault_key_id: keyRef("versionless_id"), user_assigned_identity_id: identity });
      expect(account.depends_on).toStrictEqual([address(keyed, "time_sleep", "cmk")]);
      expect(only(keyed, "azurerm_user_assigned_identity").tags).toStrictEqual({ ...platform.tags, environment: "dev" });
    });

    it("encrypts the workspace's managed services with the same key, at its current version", () => {
      expect(only(keyed, "azurerm_databricks_workspace").managed_services_cmk_key_vault_key_id).toBe(keyRef("id"));
    });

    it("encrypts the workspace's DBFS root with the same key, after granting the root storage identity its use", () => {
      const workspace = address(keyed, "azurerm_databricks_workspace", "workspace");
      expect(only(keyed, "azurerm_databricks_workspace").customer_managed_key_enabled).toBe(true);
      const dbfsKeyUser = Object.values(resources(keyed, "azurerm_role_assignment")).find((a) => a.principal_id === `\${${workspace}.storage_account_identity[0].principal_id}`);
      expect(dbfsKeyUser).toMatchObject({ scope: keyRef("resource_versionless_id"), role_definition_name: "Key Vault Crypto Service Encryption User" });
      expect(only(keyed, "azurerm_databricks_workspace_root_dbfs_customer_managed_key")).toMatchObject({ workspace_id: `\${${workspace}.id}`, key_vault_key_id: keyRef("id") });
    });
  });
});
