import { Dashboard } from "@cdktf/provider-databricks/lib/dashboard";
import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { Construct } from "constructs";
import type { EnvRef } from "../../naming";
import { dashboardName } from "../../naming/observability";

export interface LakehouseDashboardProps {
  readonly ref: EnvRef;
  readonly workspaceProvider: DatabricksProvider;
  readonly warehouseId: string;
  /** The workspace folder it lives in (the monitoring folder). */
  readonly parentPath: string;
  /** The serialized (Lakeview) dashboard generated from the spec. */
  readonly serialized: string;
}

/** The environment's AI/BI dashboard: rows per layer, quarantine by rule, run durations, cost. */
export class LakehouseDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: LakehouseDashboardProps) {
    super(scope, id);
    this.dashboard = new Dashboard(this, "dashboard", {
      provider: props.workspaceProvider,
      displayName: dashboardName(props.ref),
      parentPath: props.parentPath,
      warehouseId: props.warehouseId,
      serializedDashboard: props.serialized,
      // Viewers see the data with their own grants, not the publisher's.
      embedCredentials: false,
    });
  }
}
