import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { StorageAccount } from "@cdktf/provider-azurerm/lib/storage-account";
import { StorageContainer } from "@cdktf/provider-azurerm/lib/storage-container";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { adlsContainerName, azureStoragePrivateDnsZone } from "../../naming";
import { LAYERS, type Layer } from "../../platform";
import { type AzurePlacement, placed } from "./placement";
import { linkedPrivateDnsZone, servicePrivateEndpoint } from "./private-endpoint";

/** Blob service log categories sent to Log Analytics: every data read, write and delete, with its caller. */
export const BLOB_ACCESS_LOG_CATEGORIES = ["StorageRead", "StorageWrite", "StorageDelete"] as const;

/**
 * Sub-resources the lake gets private endpoints for: dfs is what ABFS (Databricks, Unity Catalog)
 * talks to, and Azure documents that a dfs endpoint needs a blob one beside it, since some Data
 * Lake Storage operations go to the blob service.
 */
const PRIVATE_SUBRESOURCES = ["dfs", "blob"] as const;

/** Where the lake's private endpoints go. */
export interface LakePrivateEndpoints {
  /** Name the endpoints and their DNS zone links are named after: `${name}-dfs`, `${name}-blob-dns`. */
  readonly name: string;
  /** The VNet's private endpoint subnet. */
  readonly subnetId: string;
  /** The VNet the privatelink DNS zones are linked to, so that names resolve to the endpoints there. */
  readonly vnetId: string;
}

/** A customer-managed key and the identity allowed to use it. */
export interface LakeEncryptionKey {
  readonly keyVaultKeyId: string;
  readonly identityId: string;
  /** What must exist before the account can use the key (the identity's grant on it). */
  readonly ready: ITerraformDependable;
}

export interface AdlsLakeProps extends AzurePlacement {
  /** Globally unique, 3-24 lower-case letters and digits. */
  readonly accountName: string;
  /** The Databricks access connector, admitted through the firewall as a resource instance. */
  readonly accessConnectorId: string;
  /** Tenant of the access connector. */
  readonly tenantId: string;
  /** Subnets admitted through the firewall: the workspace's, so classic compute reaches the lake. */
  readonly allowedSubnetIds: string[];
  /** Log Analytics workspace the blob service's access logs go to. */
  readonly accessLogWorkspaceId: string;
  /**
   * Private endpoints for the dfs and blob sub-resources, with privatelink DNS zones linked to the VNet.
   * @default none
   */
  readonly privateEndpoints?: LakePrivateEndpoints;
  /**
   * Whether the public endpoint stays open (behind the firewall above). When closed, only the
   * private endpoints reach the data: subnet and resource-instance rules apply to the public
   * endpoint only, so they no longer admit anything. Closing it therefore needs privateEndpoints,
   * and Databricks serverless compute, outside the VNet, needs private endpoints of its own (a
   * network connectivity configuration) to reach the lake.
   * @default true
   */
  readonly publicNetworkAccess?: boolean;
  /**
   * Encrypt with this key instead of a Microsoft-managed one.
   * @default Microsoft-managed keys
   */
  readonly encryptionKey?: LakeEncryptionKey;
  /**
   * Days a deleted blob or container can be restored.
   * @default 14
   */
  readonly softDeleteDays?: number;
  /**
   * Redundancy of the account.
   * @default "ZRS" (survives the loss of a zone)
   */
  readonly replicationType?: string;
}

/**
 * The lake on ADLS Gen2: one account with a private container (filesystem) per layer. One account
 * rather than one per layer: firewall, encryption and grants are set once, and each container is
 * still its own external location in Unity Catalog.
 *
 * Containers are azurerm_storage_container addressed by storage_account_id, which Azure Resource
 * Manager creates: the data-plane alternative (azurerm_storage_data_lake_gen2_filesystem) would
 * need Terraform itself to pass the firewall this account closes. Like the diagnostic setting and
 * the endpoints here, and the lifecycle policy and role assignments beside the lake, they are
 * Resource Manager calls, so Terraform needs no route to the data plane even with the public
 * endpoint closed.
 *
 * Every blob read, write and delete is logged to Log Analytics (the StorageBlobLogs table).
 *
 * Blob versioning stays off: Azure documents it as unsupported on accounts with a hierarchical
 * namespace. Blob and container soft delete cover mistaken deletes; Delta's own history covers
 * mistaken writes to tables.
 */
export class AdlsLake extends Construct {
  readonly account: StorageAccount;
  readonly containers: Readonly<Record<Layer, StorageContainer>>;

  constructor(scope: Construct, id: string, props: AdlsLakeProps) {
    super(scope, id);
    const softDeleteDays = props.softDeleteDays ?? 14;
    const key = props.encryptionKey;
    const publicNetworkAccess = props.publicNetworkAccess ?? true;
    if (!publicNetworkAccess && !props.privateEndpoints) {
      throw new Error(`${props.accountName}: closing public network access needs private endpoints, or nothing reaches the lake`);
    }
    this.account = new StorageAccount(this, "account", {
      name: props.accountName,
      ...placed(props),
      accountKind: "StorageV2",
      accountTier: "Standard",
      accountReplicationType: props.replicationType ?? "ZRS",
      isHnsEnabled: true,
      minTlsVersion: "TLS1_2",
      httpsTrafficOnlyEnabled: true,
      allowNestedItemsToBePublic: false,
      // Entra ID only: no account keys, no SAS signed with them, no local SFTP users.
      sharedAccessKeyEnabled: false,
      defaultToOauthAuthentication: true,
      localUserEnabled: false,
      infrastructureEncryptionEnabled: true,
      publicNetworkAccessEnabled: publicNetworkAccess,
      networkRules: {
        defaultAction: "Deny",
        bypass: ["AzureServices"],
        virtualNetworkSubnetIds: props.allowedSubnetIds,
        privateLinkAccess: [{ endpointResourceId: props.accessConnectorId, endpointTenantId: props.tenantId }],
      },
      blobProperties: {
        deleteRetentionPolicy: { days: softDeleteDays },
        containerDeleteRetentionPolicy: { days: softDeleteDays },
      },
      ...(key && {
        identity: { type: "UserAssigned", identityIds: [key.identityId] },
        customerManagedKey: { keyVaultKeyId: key.keyVaultKeyId, userAssignedIdentityId: key.identityId },
        dependsOn: [key.ready],
      }),
    });

    this.containers = Object.fromEntries(
      LAYERS.map((layer) => [
        layer,
        new StorageContainer(this, layer, { name: adlsContainerName(layer), storageAccountId: this.account.id, containerAccessType: "private" }),
      ]),
    ) as Record<Layer, StorageContainer>;

    new MonitorDiagnosticSetting(this, "blob-access-logs", {
      name: `${props.accountName}-blob-access`,
      targetResourceId: `${this.account.id}/blobServices/default`,
      logAnalyticsWorkspaceId: props.accessLogWorkspaceId,
      enabledLog: BLOB_ACCESS_LOG_CATEGORIES.map((category) => ({ category })),
    });

    const endpoints = props.privateEndpoints;
    if (endpoints) {
      for (const subresource of PRIVATE_SUBRESOURCES) {
        const zone = linkedPrivateDnsZone(this, `${subresource}-dns`, {
          zoneName: azureStoragePrivateDnsZone(subresource),
          linkName: `${endpoints.name}-${subresource}-dns`,
          resourceGroupName: props.resourceGroupName,
          vnetId: endpoints.vnetId,
          tags: props.tags,
        });
        servicePrivateEndpoint(this, `${subresource}-endpoint`, {
          name: `${endpoints.name}-${subresource}`,
          ...placed(props),
          subnetId: endpoints.subnetId,
          resourceId: this.account.id,
          subresource,
          dnsZoneId: zone.id,
        });
      }
    }
  }

  /** The abfss:// root of a layer, as Unity Catalog external locations take it; referencing the container orders them after it. */
  layerUrl(layer: Layer): string {
    return `abfss://${this.containers[layer].name}@${this.account.name}.dfs.core.windows.net/`;
  }

  /** account/container, for outputs. */
  storageName(layer: Layer): string {
    return `${this.account.name}/${this.containers[layer].name}`;
  }
}
