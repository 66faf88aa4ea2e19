import { StorageAccount } from "@cdktf/provider-azurerm/lib/storage-account";
import { StorageContainer } from "@cdktf/provider-azurerm/lib/storage-container";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { adlsContainerName } from "../../naming";
import { LAYERS, type Layer } from "../../spec";
import { type AzurePlacement, placed } from "./placement";

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
 * need Terraform itself to pass the firewall this account closes.
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
