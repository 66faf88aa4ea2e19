import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import * as naming from "../../naming";
import { metastoreKey } from "../../naming/observability";
import { environmentAlerts, serializedDashboard } from "../../observability";
import type { EnvironmentSpec, Platform } from "../../platform";
import type { CloudFoundation } from "../cloud/foundation";
import { Alerts } from "./alerts";
import { DatabricksBudget } from "./databricks-budget";
import { LakehouseDashboard } from "./lakehouse-dashboard";
import { SqlWarehouse } from "./sql-warehouse";
import { SystemSchemas } from "./system-schemas";

export interface ObservabilityProps {
  readonly platform: Platform;
  readonly environment: EnvironmentSpec;
  readonly foundation: CloudFoundation;
  /** The metastore assignment: warehouse, system schemas and queries need Unity Catalog. */
  readonly metastoreAssignment: ITerraformDependable;
  /** Application id of the service principal the monitoring job runs as. */
  readonly runAs: string;
  /** Tags on the warehouse and the monitoring job (the platform's, with the environment). */
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * What watches one environment, the same on both clouds: its SQL warehouse, the alerts and the job
 * that evaluates them, the dashboard, the Databricks budget, and (once per metastore) the system
 * schemas they read. The cloud bill's budget is the foundation's.
 */
export class Observability extends Construct {
  readonly warehouse: SqlWarehouse;
  readonly alerts: Alerts;
  readonly dashboard: LakehouseDashboard;
  readonly budget: DatabricksBudget;
  /** Present in the first environment (spec order) on each metastore. */
  readonly systemSchemas?: SystemSchemas;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const { platform, environment, foundation } = props;
    const ref = naming.envRef(platform, environment);
    const workspaceProvider = foundation.workspaceProvider;
    const { observability, notifications } = environment;

    const position = platform.environments.findIndex((e) => e.cloud === environment.cloud && e.name === environment.name);
    const earlier = platform.environments.slice(0, Math.max(position, 0));
    if (!earlier.some((e) => metastoreKey(e) === metastoreKey(environment))) {
      this.systemSchemas = new SystemSchemas(this, "system_schemas", { workspaceProvider, dependsOn: [props.metastoreAssignment] });
    }

    this.warehouse = new SqlWarehouse(this, "warehouse", {
      ref,
      workspaceProvider,
      warehouse: observability.warehouse,
      tags: props.tags,
      dependsOn: [props.metastoreAssignment],
    });
    const warehouseId = this.warehouse.endpoint.id;
    this.alerts = new Alerts(this, "alerts", {
      ref,
      environment,
      workspaceProvider,
      warehouseId,
      alerts: environmentAlerts(platform, environment, foundation.workspaceId),
      runAs: props.runAs,
      tags: props.tags,
    });
    this.dashboard = new LakehouseDashboard(this, "dashboard", {
      ref,
      workspaceProvider,
      warehouseId,
      parentPath: this.alerts.folder.path,
      serialized: serializedDashboard(platform, ref),
    });
    this.budget = new DatabricksBudget(this, "budget", {
      ref,
      accountProvider: foundation.accountProvider,
      workspaceId: foundation.workspaceId,
      budgets: observability.budgets,
      recipients: observability.budgets.recipients ?? notifications.emails,
      tags: platform.tags,
    });
  }
}
