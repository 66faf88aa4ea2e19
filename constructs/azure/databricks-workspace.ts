import { DatabricksWorkspace } from "@cdktf/provider-azurerm/lib/databricks-workspace";
import { DatabricksWorkspaceRootDbfsCustomerManagedKey } from "@cdktf/provider-azurerm/lib/databricks-workspace-root-dbfs-customer-managed-key";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { Construct } from "constructs";
import { TimeSleep } from "../common/time-sleep";
import type { InjectedSubnet } from "./workspace-network";
import { type AzurePlacement, placed } from "./placement";

/** A Key Vault key the workspace encrypts with. */
export interface WorkspaceEncryptionKey {
  /** Key id with its version: managed services and the DBFS root use this version. */
  readonly keyId: string;
  /** ARM id of the key: the scope the workspace's storage identity is granted its use on. */
  readonly keyResourceId: string;
}

export interface AzureDatabricksWorkspaceProps extends AzurePlacement {
  readonly name: string;
  /** Resource group Databricks creates and manages for the workspace's own resources. */
  readonly managedResourceGroupName: string;
  readonly vnetId: string;
  /** The "public" (host) subnet. */
  readonly hostSubnet: InjectedSubnet;
  /** The "private" (container) subnet. */
  readonly containerSubnet: InjectedSubnet;
  /**
   * Whether the front end is reachable from the internet. When false the data plane talks to the
   * control plane over Private Link only, which needs the workspace's private endpoints.
   */
  readonly publicNetworkAccess: boolean;
  /**
   * Customer-managed key for managed services data (notebooks, secrets, queries) and for the DBFS
   * root storage account. Outside this stack's reach, the Key Vault must use Azure RBAC, have soft
   * delete and purge protection on, admit trusted Microsoft services if it has a firewall, and
   * grant the AzureDatabricks first-party application get, wrap and unwrap on the key for managed
   * services (a tenant-wide application this stack cannot name). The DBFS root's grant is made here.
   * @default Microsoft-managed keys
   */
  readonly encryptionKey?: WorkspaceEncryptionKey;
  /**
   * The compliance security profile with its standards; on Azure it needs enhanced security
   * monitoring and automatic cluster updates, which it turns on too.
   * @default off
   */
  readonly complianceSecurityProfile?: { readonly standards: readonly string[] };
  /**
   * Enhanced security monitoring (hardened images, antivirus, file integrity monitoring).
   * @default false
   */
  readonly enhancedSecurityMonitoring?: boolean;
  /**
   * How long to wait for the storage identity's grant on the key to propagate before DBFS uses the key.
   * @default "60s"
   */
  readonly keyGrantPropagation?: string;
}

/**
 * A premium (Unity Catalog, audit logs) workspace injected into our VNet, with no public IPs on
 * cluster nodes.
 *
 * With a key, the DBFS root is encrypted in a second step, which Terraform cannot avoid: the root
 * storage account's managed identity only exists once the workspace has been created with
 * customer_managed_key_enabled, so the workspace starts on Microsoft-managed keys, the identity is
 * granted the key, and azurerm_databricks_workspace_root_dbfs_customer_managed_key switches the
 * root over (an envelope re-wrap, not a rewrite of the data).
 */
export class AzureDatabricksWorkspace extends Construct {
  readonly workspace: DatabricksWorkspace;

  constructor(scope: Construct, id: string, props: AzureDatabricksWorkspaceProps) {
    super(scope, id);
    const key = props.encryptionKey;
    const profile = props.complianceSecurityProfile;
    const monitoring = props.enhancedSecurityMonitoring === true || profile !== undefined;
    this.workspace = new DatabricksWorkspace(this, "workspace", {
      name: props.name,
      ...placed(props),
      sku: "premium",
      managedResourceGroupName: props.managedResourceGroupName,
      publicNetworkAccessEnabled: props.publicNetworkAccess,
      networkSecurityGroupRulesRequired: props.publicNetworkAccess ? "AllRules" : "NoAzureDatabricksRules",
      customParameters: {
        noPublicIp: true,
        virtualNetworkId: props.vnetId,
        publicSubnetName: props.hostSubnet.name,
        privateSubnetName: props.containerSubnet.name,
        publicSubnetNetworkSecurityGroupAssociationId: props.hostSubnet.nsgAssociationId,
        privateSubnetNetworkSecurityGroupAssociationId: props.containerSubnet.nsgAssociationId,
      },
      managedServicesCmkKeyVaultKeyId: key?.keyId,
      customerManagedKeyEnabled: key ? true : undefined,
      // On Azure these are properties of the workspace resource, not Databricks workspace settings.
      enhancedSecurityCompliance: monitoring
        ? {
            complianceSecurityProfileEnabled: profile !== undefined,
            complianceSecurityProfileStandards: profile && [...profile.standards],
            enhancedSecurityMonitoringEnabled: true,
            automaticClusterUpdateEnabled: profile !== undefined,
          }
        : undefined,
    });

    if (key) {
      const grant = new RoleAssignment(this, "dbfs-key-user", {
        scope: key.keyResourceId,
        roleDefinitionName: "Key Vault Crypto Service Encryption User",
        principalId: this.workspace.storageAccountIdentity.get(0).principalId,
        principalType: "ServicePrincipal",
      });
      const granted = new TimeSleep(this, "dbfs-key-propagation", { createDuration: props.keyGrantPropagation ?? "60s", dependsOn: [grant] });
      new DatabricksWorkspaceRootDbfsCustomerManagedKey(this, "dbfs-key", {
        workspaceId: this.workspace.id,
        keyVaultKeyId: key.keyId,
        dependsOn: [granted],
      });
    }
  }
}
