/**
 * What watches one environment, as SQL and JSON generated from the spec (no cdktf): its alerts'
 * queries and its dashboard. The constructs deploy them; the overview and the tests read them.
 */
import * as naming from "../naming";
import type { EnvironmentSpec, Platform } from "../platform";
import { dataAlerts, expectationWarning } from "./data-alerts";
import { securityAlerts } from "./security-alerts";
import type { AlertQuery } from "./types";

export { ALERT_CONDITION, type AlertQuery } from "./types";
export { dashboardDatasets, serializedDashboard, type DashboardDataset } from "./dashboard";

/** Every alert of one environment: data alerts over its catalog, security alerts over the audit table, the expectation warning where it validates. */
export function environmentAlerts(platform: Platform, env: EnvironmentSpec, workspaceId: string): AlertQuery[] {
  const catalog = naming.catalogName(naming.envRef(platform, env));
  // In naming/observability.ts environmentAlertKinds' order: the expectation warning last, where the environment validates.
  return [
    ...dataAlerts(platform, catalog),
    ...securityAlerts(env.observability.alerts, workspaceId),
    ...(env.greatExpectations.validate ? [expectationWarning(catalog)] : []),
  ];
}
