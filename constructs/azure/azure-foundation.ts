import { DatabricksAccessConnector } from "@cdktf/provider-azurerm/lib/databricks-access-connector";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { azureLakeAccountName, azurePrivateLinkSubnetName, envRef, resourceName } from "../../naming";
import { type AzureEnvironment, LAYERS, type Layer, type Platform } from "../../spec";
import type { CloudComputeAttributes, CloudFoundation, StorageCredentialIdentity } from "../cloud/foundation";
import { AdlsLake } from "./adls-lake";
import { azureComputeAttributes } from "./compute-attributes";
import { CustomerManagedKey } from "./customer-managed-key";
import { AzureDatabricksProviders } from "./databricks-providers";
import { AzureDatabricksWorkspace } from "./databricks-workspace";
import { LakeAccessGrants } from "./lake-access-grants";
import { LakeLifecycle } from "./lake-lifecycle";
import { azureTags } from "./placement";
import { WorkspaceAuditLogs } from "./workspace-audit-logs";
import { WorkspaceNetwork } from "./workspace-network";
import { WorkspacePrivateLink } from "./workspace-private-link";

export interface AzureFoundationProps {
  /** The validated platform model. */
  readonly platform: Platform;
  /** The Azure environment this foundation deploys. */
  readonly environment: AzureEnvironment;
}

/**
 * The Azure half of one environment: a resource group holding the ADLS Gen2 lake, the access
 * connector Unity Catalog reads it through, and a VNet-injected premium workspace with its audit
 * trail in Log Analytics and, when the spec gives a subnet for them, its Private Link endpoints.
 * Hands the Databricks half what CloudFoundation promises.
 */
export class AzureFoundation extends Construct implements CloudFoundation {
  readonly cloud = "azure" as const;
  readonly region: string;
  readonly accountProvider: DatabricksProvider;
  readonly workspaceProvider: DatabricksProvider;
  readonly workspaceId: string;
  readonly workspaceUrl: string;
  readonly layerUrls: Readonly<Record<Layer, string>>;
  readonly storageNames: Readonly<Record<Layer, string>>;
  readonly storageCredentialIdentity: StorageCredentialIdentity;
  readonly computeAttributes: CloudComputeAttributes;
  private readonly grants: LakeAccessGrants;

  constructor(scope: Construct, id: string, props: AzureFoundationProps) {
    super(scope, id);
    const { platform, environment } = props;
    const azure = environment.azure;
    const ref = envRef(platform, environment);
    const tags = azureTags(platform, environment);
    this.region = azure.location;

    new AzurermProvider(this, "azurerm", {
      features: [{}],
      subscriptionId: azure.subscriptionId,
      tenantId: azure.tenantId,
      // Shared keys are off on the lake, so any data-plane call must use Entra ID.
      storageUseAzuread: true,
    });

    const group = new ResourceGroup(this, "resource-group", { name: resourceName(ref, "rg"), location: azure.location, tags });
    const placement = { resourceGroupName: group.name, location: azure.location, tags };

    const network = new WorkspaceNetwork(this, "network", { ...placement, name: resourceName(ref, "vnet"), ...azure.network });
    const connector = new DatabricksAccessConnector(this, "access-connector", {
      ...placement,
      name: resourceName(ref, "uc"),
      identity: { type: "SystemAssigned" },
    });

    const key = azure.customerManagedKey
      ? new CustomerManagedKey(this, "cmk", { ...placement, storageIdentityName: resourceName(ref, "lake", "cmk"), ...azure.customerManagedKey })
      : undefined;
    const lake = new AdlsLake(this, "lake", {
      ...placement,
      accountName: azureLakeAccountName(ref, azure.storageAccountName),
      accessConnectorId: connector.id,
      tenantId: azure.tenantId,
      allowedSubnetIds: [network.host.id, network.container.id],
      encryptionKey: key && { keyVaultKeyId: key.versionlessKeyId, identityId: key.storageIdentityId, ready: key.storageReady },
    });
    new LakeLifecycle(this, "lake-lifecycle", { storageAccountId: lake.account.id, retentionDays: environment.retentionDays });
    this.grants = new LakeAccessGrants(this, "lake-access", {
      principalId: connector.identity.principalId,
      storageAccountId: lake.account.id,
      resourceGroupId: group.id,
    });

    const { workspace } = new AzureDatabricksWorkspace(this, "workspace", {
      ...placement,
      name: resourceName(ref, "workspace"),
      managedResourceGroupName: resourceName(ref, "databricks", "managed"),
      vnetId: network.vnetId,
      hostSubnet: network.host,
      containerSubnet: network.container,
      publicNetworkAccess: azure.publicNetworkAccess,
      managedServicesKeyId: key?.keyId,
    });
    new WorkspaceAuditLogs(this, "audit", { ...placement, name: resourceName(ref, "audit"), workspaceId: workspace.id });
    if (azure.network.privateEndpointSubnetCidr) {
      new WorkspacePrivateLink(this, "private-link", {
        ...placement,
        name: resourceName(ref, "workspace"),
        workspaceId: workspace.id,
        vnetId: network.vnetId,
        vnetName: network.vnetName,
        subnetName: azurePrivateLinkSubnetName(ref),
        subnetCidr: azure.network.privateEndpointSubnetCidr,
      });
    }

    this.workspaceId = workspace.workspaceId;
    this.workspaceUrl = `https://${workspace.workspaceUrl}`;
    const providers = new AzureDatabricksProviders(this, "databricks", {
      accountId: environment.databricksAccountId,
      workspaceUrl: this.workspaceUrl,
      workspaceResourceId: workspace.id,
    });
    this.accountProvider = providers.account;
    this.workspaceProvider = providers.workspace;

    this.layerUrls = Object.fromEntries(LAYERS.map((l) => [l, lake.layerUrl(l)])) as Record<Layer, string>;
    this.storageNames = Object.fromEntries(LAYERS.map((l) => [l, lake.storageName(l)])) as Record<Layer, string>;
    this.storageCredentialIdentity = { azureManagedIdentity: { accessConnectorId: connector.id } };
    this.computeAttributes = azureComputeAttributes(environment.compute.spot);
  }

  /** The connector's roles are granted up front; the credential only waits for them to propagate. */
  bindStorageCredential(): ITerraformDependable[] {
    return [this.grants.ready];
  }
}
