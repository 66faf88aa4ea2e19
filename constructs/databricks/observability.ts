import { Grant } from "@cdktf/provider-databricks/lib/grant";
import { Permissions } from "@cdktf/provider-databricks/lib/permissions";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import * as naming from "../../naming";
import { metastoreKey } from "../../naming/observability";
import { type AlertQuery, environmentAlerts, serializedDashboard } from "../../observability";
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
  /** The run-as principal's workspace assignment: the permissions name it. @default nothing */
  readonly assignments?: ITerraformDependable[];
}

/** The system schemas (system.access) the alerts' queries read. */
const systemSchemasRead = (alerts: ReadonlyArray<AlertQuery>) =>
  alerts.flatMap((a) => a.reads).filter((table) => table.startsWith("system.")).map((table) => table.split(".").slice(0, 2).join("."));

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
      // The alert tasks run as the run-as principal (one per platform) and read system tables, which nobody may read
      // until granted (https://docs.databricks.com/aws/en/admin/system-tables/#grant-access-to-system-tables). Once per
      // metastore, like the schemas, for what every environment on it reads; databricks_grant, not the authoritative
      // databricks_grants: the system catalog is shared by the metastore's workspaces.
      // A DR secondary (platform/dr.ts) is no environment of the spec: it is alone on its region's metastore.
      const onMetastore = position < 0 ? [environment] : platform.environments.filter((e) => metastoreKey(e) === metastoreKey(environment));
      const schemas = [...new Set(onMetastore.flatMap((e) => systemSchemasRead(environmentAlerts(platform, e, ""))))].sort();
      const dependsOn = [...this.systemSchemas.schemas];
      if (schemas.length > 0) new Grant(this, "system_catalog_grant", { provider: workspaceProvider, catalog: "system", principal: props.runAs, privileges: ["USE_CATALOG"], dependsOn });
      for (const schema of schemas) {
        new Grant(this, `system_${schema.split(".")[1]}_grant`, { provider: workspaceProvider, schema, principal: props.runAs, privileges: ["SELECT", "USE_SCHEMA"], dependsOn });
      }
    }

    this.warehouse = new SqlWarehouse(this, "warehouse", {
      ref,
      workspaceProvider,
      warehouse: observability.warehouse,
      tags: props.tags,
      dependsOn: [props.metastoreAssignment],
    });
    const warehouseId = this.warehouse.endpoint.id;
    // "The principal configured in the Run As field must have CAN USE on the SQL warehouse"
    // (https://docs.databricks.com/aws/en/jobs/tasks/dbt): the dbt task and every alert task run on it as the run-as
    // principal. Deployer and workspace admins keep CAN_MANAGE.
    new Permissions(this, "warehouse_permissions", {
      provider: workspaceProvider,
      sqlEndpointId: warehouseId,
      accessControl: [{ servicePrincipalName: props.runAs, permissionLevel: "CAN_USE" }],
      dependsOn: props.assignments,
    });
    this.alerts = new Alerts(this, "alerts", {
      ref,
      environment,
      workspaceProvider,
      warehouseId,
      alerts: environmentAlerts(platform, environment, foundation.workspaceId),
      runAs: props.runAs,
      tags: props.tags,
    });
    // The alert tasks run the alerts as the run-as principal, which needs CAN RUN on them
    // (https://docs.databricks.com/aws/en/security/auth/access-control#alerts-acls); the folder's other entries are
    // inherited from the environment folder.
    new Permissions(this, "monitoring_folder_permissions", {
      provider: workspaceProvider,
      directoryPath: this.alerts.folder.path,
      accessControl: [{ servicePrincipalName: props.runAs, permissionLevel: "CAN_RUN" }],
      dependsOn: props.assignments,
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
