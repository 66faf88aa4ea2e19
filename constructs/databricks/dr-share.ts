import { Grants } from "@cdktf/provider-databricks/lib/grants";
import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { Recipient } from "@cdktf/provider-databricks/lib/recipient";
import type { Schema } from "@cdktf/provider-databricks/lib/schema";
import { Share } from "@cdktf/provider-databricks/lib/share";
import { Construct } from "constructs";
import * as naming from "../../naming";
import { drRecipientName, drShareName } from "../../naming/dr";
import { type EnvironmentSpec, TABLE_LAYERS, type TableLayer } from "../../platform";

export interface DrShareProps {
  readonly ref: naming.EnvRef;
  readonly workspaceProvider: DatabricksProvider;
  /** The primary's layer schemas: shared whole, so a table the pipeline creates later is shared too. */
  readonly schemas: Readonly<Record<TableLayer, Schema>>;
  /** The secondary, whose region's metastore (dr.metastoreId) receives the share. */
  readonly secondary: EnvironmentSpec;
  readonly metastoreId: string;
}

/** The sharing identifier of a metastore: <cloud>:<region>:<metastore id>. */
const globalMetastoreId = (environment: EnvironmentSpec, metastoreId: string) =>
  `${environment.cloud}:${environment.cloud === "aws" ? environment.aws.region : environment.azure.location}:${metastoreId}`;

/**
 * The primary's side of the table sync: a share of its bronze, silver and gold schemas and a
 * Databricks-to-Databricks recipient for the secondary region's metastore, which may read it
 * (https://docs.databricks.com/aws/en/delta-sharing/create-recipient). The secondary mounts the
 * share as a read-only catalog and deep-clones from it (constructs/databricks/table-sync.ts): a
 * metastore is regional, so a share is how a job in the secondary region reads the primary's tables.
 */
export class DrShare extends Construct {
  readonly share: Share;

  constructor(scope: Construct, id: string, props: DrShareProps) {
    super(scope, id);
    const { ref, workspaceProvider: provider } = props;
    this.share = new Share(this, "share", {
      provider,
      name: drShareName(ref),
      object: TABLE_LAYERS.map((layer) => ({
        name: `${naming.catalogName(ref)}.${naming.schemaName(layer)}`,
        dataObjectType: "SCHEMA",
        comment: `The ${layer} layer, for the disaster-recovery table sync`,
      })),
      dependsOn: TABLE_LAYERS.map((layer) => props.schemas[layer]),
    });
    const recipient = new Recipient(this, "recipient", {
      provider,
      name: drRecipientName(ref),
      comment: `The ${naming.stackName(props.secondary)} metastore: the disaster-recovery secondary`,
      authenticationType: "DATABRICKS",
      dataRecipientGlobalMetastoreId: globalMetastoreId(props.secondary, props.metastoreId),
    });
    new Grants(this, "share_grants", { provider, share: this.share.name, grant: [{ principal: recipient.name, privileges: ["SELECT"] }] });
  }
}
