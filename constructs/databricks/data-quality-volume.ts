import { Grants } from "@cdktf/provider-databricks/lib/grants";
import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import type { Schema } from "@cdktf/provider-databricks/lib/schema";
import { Volume } from "@cdktf/provider-databricks/lib/volume";
import { Construct } from "constructs";
import { type ResolvedPrincipal, dataQualityVolumeGrants } from "../../access/privileges";
import { DATA_QUALITY_VOLUME } from "../../naming/pipeline";

export interface DataQualityVolumeProps {
  readonly workspaceProvider: DatabricksProvider;
  /** The silver schema: the volume's files describe silver's batches, and live in its managed storage. */
  readonly schema: Schema;
  readonly principals: readonly ResolvedPrincipal[];
  /** Application id of the job's run-as principal, whose validation task writes the files. */
  readonly runAs: string;
}

/**
 * The managed volume holding Great Expectations' file-backed project (stored validation results and the
 * Data Docs site) where an environment validates, with its grants (access/privileges.ts). Managed, so
 * its files live in the silver schema's managed storage, governed by Unity Catalog (https://docs.databricks.com/aws/en/sql/language-manual/sql-ref-volumes).
 */
export class DataQualityVolume extends Construct {
  readonly volume: Volume;

  constructor(scope: Construct, id: string, props: DataQualityVolumeProps) {
    super(scope, id);
    const provider = props.workspaceProvider;
    this.volume = new Volume(this, "volume", {
      provider,
      catalogName: props.schema.catalogName,
      schemaName: props.schema.name,
      name: DATA_QUALITY_VOLUME,
      volumeType: "MANAGED",
      comment: "Great Expectations: stored validation results and Data Docs of silver's batches",
    });
    new Grants(this, "grants", { provider, volume: this.volume.id, grant: dataQualityVolumeGrants(props.principals, props.runAs) });
  }
}
