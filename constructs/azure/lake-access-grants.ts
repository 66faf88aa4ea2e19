import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { Construct } from "constructs";
import { TimeSleep } from "../common/time-sleep";

export interface LakeAccessGrantsProps {
  /** The access connector's managed identity. */
  readonly principalId: string;
  readonly storageAccountId: string;
  /** The resource group of the storage account: where Auto Loader creates its Event Grid subscriptions. */
  readonly resourceGroupId: string;
  /**
   * How long to wait for the role assignments to propagate.
   * @default "60s"
   */
  readonly propagation?: string;
}

/**
 * The Azure roles Unity Catalog's managed identity needs on the lake, as Databricks documents them:
 * read/write data, plus the queue and Event Grid roles Auto Loader's file notification mode uses
 * to set up its storage queue and event subscription.
 */
const GRANTS = [
  { id: "blob-data", role: "Storage Blob Data Contributor", on: "account" },
  { id: "queue-data", role: "Storage Queue Data Contributor", on: "account" },
  { id: "event-subscriptions", role: "EventGrid EventSubscription Contributor", on: "resourceGroup" },
] as const;

/**
 * Role assignments for the access connector, and the wait after them. Azure RBAC is eventually
 * consistent: a storage credential validated the moment its role exists fails on the first apply.
 */
export class LakeAccessGrants extends Construct {
  /** Completes when the grants are usable; the storage credential's external locations wait for it. */
  readonly ready: TimeSleep;

  constructor(scope: Construct, id: string, props: LakeAccessGrantsProps) {
    super(scope, id);
    const scopes = { account: props.storageAccountId, resourceGroup: props.resourceGroupId };
    const assignments = GRANTS.map(
      (g) =>
        new RoleAssignment(this, g.id, {
          scope: scopes[g.on],
          roleDefinitionName: g.role,
          principalId: props.principalId,
          principalType: "ServicePrincipal",
        }),
    );
    this.ready = new TimeSleep(this, "propagation", { createDuration: props.propagation ?? "60s", dependsOn: assignments });
  }
}
