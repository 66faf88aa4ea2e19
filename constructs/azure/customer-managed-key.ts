import { DataAzurermKeyVaultKey } from "@cdktf/provider-azurerm/lib/data-azurerm-key-vault-key";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { UserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
import { Construct } from "constructs";
import { TimeSleep } from "../common/time-sleep";
import { type AzurePlacement, placed } from "./placement";

export interface CustomerManagedKeyProps extends AzurePlacement {
  /** Name of the identity the lake storage account encrypts with. */
  readonly storageIdentityName: string;
  /**
   * The Key Vault holding the key. It must use Azure RBAC and have purge protection on (Azure
   * requires it for storage keys), and grant the AzureDatabricks application get, wrap and unwrap
   * on the key for the workspace's managed services (a tenant-wide application this stack cannot name).
   * The lake's and the DBFS root's storage identities are granted the key by the stack.
   */
  readonly keyVaultId: string;
  readonly keyName: string;
  /**
   * How long to wait for the storage identity's role assignment to propagate before the account uses the key.
   * @default "60s"
   */
  readonly propagation?: string;
}

/**
 * An existing Key Vault key, and the identity lake storage encrypts with it.
 *
 * A user-assigned identity rather than the account's own: it exists, and holds its grant, before
 * the account does, so the account is created encrypted with the key instead of being created with
 * Microsoft-managed keys and switched over in a second step.
 */
export class CustomerManagedKey extends Construct {
  /** The key's current version, as the workspace's managed-services and DBFS root encryption take it. */
  readonly keyId: string;
  /** Versionless, so storage follows the key's rotation without a Terraform change. */
  readonly versionlessKeyId: string;
  /** ARM id of the key, the scope of role assignments on it. */
  readonly keyResourceId: string;
  readonly storageIdentityId: string;
  /** Completes when the storage identity may use the key. */
  readonly storageReady: TimeSleep;

  constructor(scope: Construct, id: string, props: CustomerManagedKeyProps) {
    super(scope, id);
    const key = new DataAzurermKeyVaultKey(this, "key", { keyVaultId: props.keyVaultId, name: props.keyName });
    const identity = new UserAssignedIdentity(this, "storage-identity", { ...placed(props), name: props.storageIdentityName });
    const grant = new RoleAssignment(this, "storage-key-user", {
      scope: key.resourceVersionlessId,
      roleDefinitionName: "Key Vault Crypto Service Encryption User",
      principalId: identity.principalId,
      principalType: "ServicePrincipal",
    });
    this.keyId = key.id;
    this.versionlessKeyId = key.versionlessId;
    this.keyResourceId = key.resourceVersionlessId;
    this.storageIdentityId = identity.id;
    this.storageReady = new TimeSleep(this, "propagation", { createDuration: props.propagation ?? "60s", dependsOn: [grant] });
  }
}
