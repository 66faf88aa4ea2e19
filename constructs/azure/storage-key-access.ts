import { DataAzurermKeyVaultKey } from "@cdktf/provider-azurerm/lib/data-azurerm-key-vault-key";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { UserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
import { Construct } from "constructs";
import { TimeSleep } from "../common/time-sleep";
import { type AzurePlacement, placed } from "./placement";

export interface StorageKeyAccessProps extends AzurePlacement {
  /** Name of the identity the storage account encrypts with. */
  readonly identityName: string;
  /** The Key Vault holding the key. It must use Azure RBAC and have purge protection on (Azure requires it for storage keys). */
  readonly keyVaultId: string;
  readonly keyName: string;
  /**
   * How long to wait for the role assignment to propagate before the account uses the key.
   * @default "60s"
   */
  readonly propagation?: string;
}

/**
 * The identity a storage account encrypts with, granted use of one Key Vault key.
 *
 * A user-assigned identity rather than the account's own: it exists, and holds its grant, before
 * the account does, so the account is created encrypted with the key instead of being created with
 * Microsoft-managed keys and switched over on a second step.
 */
export class StorageKeyAccess extends Construct {
  readonly identityId: string;
  /** Versionless, so Azure follows the key's rotation without a Terraform change. */
  readonly keyVaultKeyId: string;
  /** Completes when the identity may use the key. */
  readonly ready: TimeSleep;

  constructor(scope: Construct, id: string, props: StorageKeyAccessProps) {
    super(scope, id);
    const identity = new UserAssignedIdentity(this, "identity", {
      name: props.identityName,
      ...placed(props),
    });
    const key = new DataAzurermKeyVaultKey(this, "key", { keyVaultId: props.keyVaultId, name: props.keyName });
    const grant = new RoleAssignment(this, "key-user", {
      scope: key.resourceVersionlessId,
      roleDefinitionName: "Key Vault Crypto Service Encryption User",
      principalId: identity.principalId,
      principalType: "ServicePrincipal",
    });
    this.identityId = identity.id;
    this.keyVaultKeyId = key.versionlessId;
    this.ready = new TimeSleep(this, "propagation", { createDuration: props.propagation ?? "60s", dependsOn: [grant] });
  }
}
