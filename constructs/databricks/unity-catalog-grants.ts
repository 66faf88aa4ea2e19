import type { ExternalLocation } from "@cdktf/provider-databricks/lib/external-location";
import { Grants, type GrantsConfig } from "@cdktf/provider-databricks/lib/grants";
import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import type { Schema } from "@cdktf/provider-databricks/lib/schema";
import { Construct } from "constructs";
import type { Layer, TableLayer } from "../../platform";
import { LAYERS, TABLE_LAYERS } from "../../platform";
import { type Grant, type ResolvedPrincipal, catalogGrants, locationGrants, schemaGrants } from "../../access/privileges";

export interface UnityCatalogGrantsProps {
  readonly workspaceProvider: DatabricksProvider;
  /** The spec's principals, resolved (access.resolvePrincipals). */
  readonly principals: readonly ResolvedPrincipal[];
  /** Name of the environment's catalog. */
  readonly catalogName: string;
  readonly schemas: Readonly<Record<TableLayer, Schema>>;
  readonly locations: Readonly<Record<Layer, ExternalLocation>>;
}

/**
 * The access model as Unity Catalog grants. `databricks_grants` is authoritative (it revokes
 * whatever it does not list), so it is used only on securables this project creates: the catalog,
 * its layer schemas and the layer locations. The storage credential keeps its owner only: nobody
 * needs to create locations or read paths through it directly.
 */
export class UnityCatalogGrants extends Construct {
  constructor(scope: Construct, id: string, props: UnityCatalogGrantsProps) {
    super(scope, id);
    const { principals } = props;
    // Never empty: the job's run-as principal needs something on every one of these securables.
    const grant = (grantId: string, securable: Pick<GrantsConfig, "catalog" | "schema" | "externalLocation">, grants: Grant[]) =>
      new Grants(this, grantId, { provider: props.workspaceProvider, ...securable, grant: grants });

    grant("catalog", { catalog: props.catalogName }, catalogGrants(principals));
    for (const layer of TABLE_LAYERS) {
      grant(`schema_${layer}`, { schema: props.schemas[layer].id }, schemaGrants(principals, layer));
    }
    for (const layer of LAYERS) {
      grant(`location_${layer}`, { externalLocation: props.locations[layer].id }, locationGrants(principals, layer));
    }
  }
}
