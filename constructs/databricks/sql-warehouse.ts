import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { SqlEndpoint } from "@cdktf/provider-databricks/lib/sql-endpoint";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { type EnvRef } from "../../naming";
import { warehouseName } from "../../naming/observability";
import type { WarehouseSpec } from "../../platform";

export interface SqlWarehouseProps {
  readonly ref: EnvRef;
  readonly workspaceProvider: DatabricksProvider;
  /** Size, auto-stop and serverless choice from the spec. */
  readonly warehouse: WarehouseSpec;
  /** Tags on the warehouse and its usage records: the cost dashboard and the budgets filter on them. */
  readonly tags: Readonly<Record<string, string>>;
  /** What must exist first (the metastore assignment: a warehouse reads Unity Catalog). @default nothing */
  readonly dependsOn?: ITerraformDependable[];
}

/** The environment's small SQL warehouse: the alerts, the dashboard and a dbt gold task run on it, and it stops when idle. */
export class SqlWarehouse extends Construct {
  readonly endpoint: SqlEndpoint;

  constructor(scope: Construct, id: string, props: SqlWarehouseProps) {
    super(scope, id);
    const { warehouse } = props;
    this.endpoint = new SqlEndpoint(this, "warehouse", {
      provider: props.workspaceProvider,
      name: warehouseName(props.ref),
      clusterSize: warehouse.size,
      autoStopMins: warehouse.autoStopMinutes,
      minNumClusters: 1,
      maxNumClusters: warehouse.maxClusters,
      // Serverless needs the pro type; a classic pro warehouse otherwise (alert tasks need serverless or pro).
      warehouseType: "PRO",
      enableServerlessCompute: warehouse.serverless,
      enablePhoton: true,
      tags: { customTags: Object.entries(props.tags).map(([key, value]) => ({ key, value })) },
      dependsOn: props.dependsOn,
    });
  }
}
