import { Catalog } from "@cdktf/provider-databricks/lib/catalog";
import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { Schema } from "@cdktf/provider-databricks/lib/schema";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import * as naming from "../../naming";
import type { Layer, TableLayer } from "../../platform";
import { TABLE_LAYERS } from "../../platform";

export interface EnvironmentCatalogProps {
  readonly ref: naming.EnvRef;
  readonly workspaceProvider: DatabricksProvider;
  /** Root URL of each layer's storage: schemas keep their managed tables there. */
  readonly layerUrls: Readonly<Record<Layer, string>>;
  /** The external locations covering those URLs: managed storage must lie inside one. */
  readonly locations: Readonly<Record<Layer, ITerraformDependable>>;
  /** Platform name, for the comments users see in Catalog Explorer. */
  readonly description: string;
}

/**
 * One catalog per environment, holding one schema per table layer (rtl_dev.bronze, rtl_dev.silver,
 * rtl_dev.gold). A catalog is the unit Unity Catalog isolates and binds to workspaces, so one per
 * environment keeps dev data out of prod and lets each environment's grants stand alone; layers
 * differ in who may read or write them, which schema-level grants express exactly.
 */
export class EnvironmentCatalog extends Construct {
  readonly catalog: Catalog;
  readonly schemas: Readonly<Record<TableLayer, Schema>>;

  constructor(scope: Construct, id: string, props: EnvironmentCatalogProps) {
    super(scope, id);
    const { ref, workspaceProvider: provider, layerUrls, locations } = props;

    // The catalog's own managed storage only serves what lands outside the layer schemas (the
    // `default` schema): consumption-side, so it sits on the gold location.
    this.catalog = new Catalog(this, "catalog", {
      provider,
      name: naming.catalogName(ref),
      comment: `${props.description}: ${ref.env.name}`,
      storageRoot: naming.catalogStorageRoot(layerUrls.gold),
      // ISOLATED binds the catalog to the workspace that creates it and to no other.
      isolationMode: "ISOLATED",
      forceDestroy: false,
      dependsOn: [locations.gold],
    });

    this.schemas = Object.fromEntries(
      TABLE_LAYERS.map((layer) => [
        layer,
        new Schema(this, layer, {
          provider,
          catalogName: this.catalog.name,
          name: naming.schemaName(layer),
          comment: `The ${layer} layer`,
          storageRoot: naming.schemaStorageRoot(layerUrls[layer]),
          forceDestroy: false,
          dependsOn: [locations[layer]],
        }),
      ]),
    ) as Record<TableLayer, Schema>;
  }
}
