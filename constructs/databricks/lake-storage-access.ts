import { ExternalLocation } from "@cdktf/provider-databricks/lib/external-location";
import { StorageCredential } from "@cdktf/provider-databricks/lib/storage-credential";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import * as naming from "../../naming";
import type { Layer } from "../../platform";
import { LAYERS } from "../../platform";
import type { CloudFoundation } from "../cloud/foundation";

export interface LakeStorageAccessProps {
  readonly ref: naming.EnvRef;
  /** Supplies the workspace provider, the credential identity and the layer URLs. */
  readonly foundation: CloudFoundation;
  /** The metastore assignment: Unity Catalog objects cannot exist in the workspace before it. */
  readonly metastoreAssignment: ITerraformDependable;
}

/**
 * Unity Catalog's way into the lake: one storage credential for the environment's cloud identity and
 * one external location per layer on it.
 */
export class LakeStorageAccess extends Construct {
  readonly credential: StorageCredential;
  readonly locations: Readonly<Record<Layer, ExternalLocation>>;

  constructor(scope: Construct, id: string, props: LakeStorageAccessProps) {
    super(scope, id);
    const { ref, foundation } = props;
    const identity = foundation.storageCredentialIdentity;

    this.credential = new StorageCredential(this, "credential", {
      provider: foundation.workspaceProvider,
      name: naming.storageCredentialName(ref),
      comment: `Lake storage of ${naming.resourceName(ref)}`,
      awsIamRole: identity.awsIamRole && { roleArn: identity.awsIamRole.roleArn },
      azureManagedIdentity: identity.azureManagedIdentity && { accessConnectorId: identity.azureManagedIdentity.accessConnectorId },
      dependsOn: [props.metastoreAssignment],
    });

    // Ordering on first apply: the credential must exist before its cloud side can be completed
    // (on AWS the role's trust policy names the credential's external id), and cloud IAM is
    // eventually consistent. Creating an external location validates access to its URL, so the
    // locations wait for whatever the foundation says makes the credential usable.
    const usable = foundation.bindStorageCredential(this.credential);

    this.locations = Object.fromEntries(
      LAYERS.map((layer) => [
        layer,
        new ExternalLocation(this, layer, {
          provider: foundation.workspaceProvider,
          name: naming.externalLocationName(ref, layer),
          url: foundation.layerUrls[layer],
          credentialName: this.credential.name,
          comment: `The ${layer} layer of ${naming.resourceName(ref)}`,
          forceDestroy: false,
          dependsOn: usable,
        }),
      ]),
    ) as Record<Layer, ExternalLocation>;
  }
}
