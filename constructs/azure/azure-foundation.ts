import { DatabricksAccessConnector } from "@cdktf/provider-azurerm/lib/databricks-access-connector";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { azureLakeAccountName, azurePrivateLinkNsgName, azurePrivateLinkSubnetName, envRef, resourceName } from "../../naming";
import { type AzureEnvironment, LAYERS, type Layer, type Platform } from "../../platform";
import type { CloudComputeAttributes, CloudFoundation, StorageCredentialIdentity } from "../cloud/foundation";
import { AdlsLake } from "./adls-lake";
import { azureComputeAttributes } from "./compute-attributes";
import { AzureCostBudget } from "./cost-budget";
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
 * connector Unity Catalog reads it through, and a VNet-injected premium workspace, with the
 * workspace's audit trail and the lake's blob access logs in Log Analytics. When the spec gives a
 * subnet for them, the workspace and the lake get Private Link endpoints there; without public
 * network access, the lake then takes traffic through its endpoints only.
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
  readonly complianceSettingsInWorkspace = false;
  private readonly grants: LakeAccessGrants;

  constructor(scope: Construct, id: string, props: AzureFoundationProps) {
    super(scope, id);
    const { platform, environment } = props;
    const azure = environment.azure;
    const ref = envRef(platform, environment);
    const tags = azureTags(platform, environment);
    this.region = azure.location;

    new AzurermProvider(this, "azurerm", {
      subscriptionId: azure.subscriptionId,
      tenantId: azure.tenantId,
      // Shared keys are off on the lake, so any data-plane call must use Entra ID.
      storageUseAzuread: true,
      // CI runs Terraform from outside the VNet, and the lake's firewall (or its closed public
      // endpoint) keeps it off the data plane: the provider must not read queue or static-website
      // properties there. Everything this stack manages on storage goes through Resource Manager.
      features: [{ storage: [{ dataPlaneAvailable: false }] }],
    });

    const group = new ResourceGroup(this, "resource-group", { name: resourceName(ref, "rg"), location: azure.location, tags });
    const placement = { resourceGroupName: group.name, location: azure.location, tags };
    const { budgets } = environment.observability;
    new AzureCostBudget(this, "budget", { ref, resourceGroupId: group.id, budgets, recipients: budgets.recipients ?? environment.notifications.emails });

    const endpointSubnetCidr = azure.network.privateEndpointSubnetCidr;
    const network = new WorkspaceNetwork(this, "network", {
      ...placement,
      name: resourceName(ref, "vnet"),
      vnetCidr: azure.network.vnetCidr,
      hostSubnetCidr: azure.network.hostSubnetCidr,
      containerSubnetCidr: azure.network.containerSubnetCidr,
      privateEndpointSubnet: endpointSubnetCidr
        ? { name: azurePrivateLinkSubnetName(ref), cidr: endpointSubnetCidr, nsgName: azurePrivateLinkNsgName(ref) }
        : undefined,
    });
    const endpointSubnetId = network.privateEndpointSubnetId;
    const connector = new DatabricksAccessConnector(this, "access-connector", {
      ...placement,
      name: resourceName(ref, "uc"),
      identity: { type: "SystemAssigned" },
    });

    const key = azure.customerManagedKey
      ? new CustomerManagedKey(this, "cmk", { ...placement, storageIdentityName: resourceName(ref, "lake", "cmk"), ...azure.customerManagedKey })
      : undefined;

    const { workspace } = new AzureDatabricksWorkspace(this, "workspace", {
      ...placement,
      name: resourceName(ref, "workspace"),
      managedResourceGroupName: resourceName(ref, "databricks", "managed"),
      vnetId: network.vnetId,
      hostSubnet: network.host,
      containerSubnet: network.container,
      publicNetworkAccess: azure.publicNetworkAccess,
      encryptionKey: key && { keyId: key.keyId, keyResourceId: key.keyResourceId },
      complianceSecurityProfile: environment.security.complianceSecurityProfile,
      enhancedSecurityMonitoring: environment.security.enhancedSecurityMonitoring,
    });
    const audit = new WorkspaceAuditLogs(this, "audit", { ...placement, name: resourceName(ref, "audit"), workspaceId: workspace.id });
    if (endpointSubnetId) {
      new WorkspacePrivateLink(this, "private-link", {
        ...placement,
        name: resourceName(ref, "workspace"),
        workspaceId: workspace.id,
        vnetId: network.vnetId,
        subnetId: endpointSubnetId,
      });
    }

    const lake = new AdlsLake(this, "lake", {
      ...placement,
      accountName: azureLakeAccountName(ref, azure.storageAccountName),
      accessConnectorId: connector.id,
      tenantId: azure.tenantId,
      allowedSubnetIds: [network.host.id, network.container.id],
      accessLogWorkspaceId: audit.logAnalytics.id,
      privateEndpoints: endpointSubnetId ? { name: resourceName(ref, "lake"), subnetId: endpointSubnetId, vnetId: network.vnetId } : undefined,
      publicNetworkAccess: azure.publicNetworkAccess,
      encryptionKey: key && { keyVaultKeyId: key.versionlessKeyId, identityId: key.storageIdentityId, ready: key.storageReady },
      // With dr, geo-zone-redundant: three zones here and a copy in the paired region that an account
      // failover makes primary. Object replication to the secondary's account would be the S3
      // equivalent, but Azure does not support it on accounts with a hierarchical namespace
      // (https://learn.microsoft.com/en-us/azure/storage/blobs/object-replication-overview), which
      // ADLS Gen2 is; the secondary's tables come from the table sync's deep clones instead.
      ...(environment.dr === undefined ? {} : { replicationType: "GZRS" }),
    });
    new LakeLifecycle(this, "lake-lifecycle", { storageAccountId: lake.account.id, retentionDays: environment.retentionDays });
    this.grants = new LakeAccessGrants(this, "lake-access", {
      principalId: connector.identity.principalId,
      storageAccountId: lake.account.id,
      resourceGroupId: group.id,
    });

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
