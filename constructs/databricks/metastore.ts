import { Metastore } from "@cdktf/provider-databricks/lib/metastore";
import { MetastoreAssignment } from "@cdktf/provider-databricks/lib/metastore-assignment";
import { Token } from "cdktf";
import { Construct } from "constructs";
import * as naming from "../../naming";
import type { EnvironmentSpec, Platform } from "../../platform";
import type { CloudFoundation } from "../cloud/foundation";

export interface LakehouseMetastoreProps {
  readonly platform: Platform;
  readonly environment: EnvironmentSpec;
  /** Supplies the account provider, the region and the workspace to assign. */
  readonly foundation: CloudFoundation;
}

/**
 * The environment's Unity Catalog metastore, created in the workspace's region or reused by id,
 * and its assignment to the workspace. Both are account-level objects.
 */
export class LakehouseMetastore extends Construct {
  /** Id of the metastore the workspace is assigned to. */
  readonly metastoreId: string;
  /** Everything workspace-level Unity Catalog objects must wait for. */
  readonly assignment: MetastoreAssignment;

  constructor(scope: Construct, id: string, props: LakehouseMetastoreProps) {
    super(scope, id);
    const { environment, foundation } = props;
    const spec = environment.metastore;

    if ("existingId" in spec) {
      this.metastoreId = spec.existingId;
    } else {
      // No storage_root: every catalog brings its own managed location, so no data lands in a
      // metastore-wide bucket shared by environments.
      const metastore = new Metastore(this, "metastore", {
        provider: foundation.accountProvider,
        name: spec.create.name ?? naming.metastoreName(naming.envRef(props.platform, environment)),
        region: foundation.region,
        forceDestroy: false,
      });
      this.metastoreId = metastore.id;
    }

    this.assignment = new MetastoreAssignment(this, "assignment", {
      provider: foundation.accountProvider,
      metastoreId: this.metastoreId,
      workspaceId: Token.asNumber(foundation.workspaceId),
    });
  }
}
