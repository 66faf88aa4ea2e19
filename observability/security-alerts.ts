/**
 * Security alerts over the audit system table, after the Security Reference Architecture's audit
 * log alerts: repeated failed logins, grant and permission changes, token creation and admin group
 * changes. Each looks back one alerting interval plus slack, in the environment's workspace and at
 * account level (workspace_id 0), where group and admin changes are logged.
 */
import { SYSTEM_TABLES } from "../naming/observability";
import type { AlertingSpec } from "../platform";
import { breachesRow, sqlList } from "./sql";
import type { AlertQuery } from "./types";

const LOGIN_ACTIONS = [
  "login",
  "tokenLogin",
  "samlLogin",
  "oidcBrowserLogin",
  "aadBrowserLogin",
  "aadTokenLogin",
  "jwtLogin",
  "certLogin",
  "mfaLogin",
  "passwordVerifyAuthentication",
];

const PERMISSION_EVENTS = [
  "(service_name = 'unityCatalog' AND action_name IN ('updatePermissions', 'updateSharePermissions'))",
  "(service_name = 'sqlPermissions' AND action_name IN ('grantPermission', 'revokePermission', 'changeOwner'))",
  // Workspace object ACLs: changeClusterAcl, changeJobAcl, changeWarehouseAcls, changeNotebookAcl, ...
  "action_name RLIKE '^change[A-Za-z]*Acls?$'",
];

const ADMIN_GROUP_EVENTS = [
  "(action_name IN ('addPrincipalToGroup', 'removePrincipalFromGroup') AND request_params['targetGroupName'] = 'admins')",
  "(service_name = 'accounts' AND action_name IN ('setAdmin', 'removeAdmin', 'changeDatabricksAdmin'))",
];

/** Who an event is about: the acting identity, else the user a login attempt named. */
const WHO = "coalesce(user_identity.email, request_params['user'], source_ip_address, 'unknown')";

function recent(workspaceId: string, lookbackHours: number, condition: string): string {
  return [
    `SELECT * FROM ${SYSTEM_TABLES.audit}`,
    `WHERE event_time >= current_timestamp() - INTERVAL ${lookbackHours} HOURS`,
    `  AND workspace_id IN ('${workspaceId}', '0')`,
    `  AND (${condition})`,
  ].join("\n");
}

function eventAlert(kind: AlertQuery["kind"], description: string, workspaceId: string, lookbackHours: number, events: string[]): AlertQuery {
  const sql = [
    "WITH events AS (",
    recent(workspaceId, lookbackHours, events.join("\n    OR ")).replace(/^/gm, "  "),
    ")",
    breachesRow("events", `concat(${WHO}, ' ', action_name, ' at ', event_time)`),
  ].join("\n");
  return { kind, description, sql, reads: [SYSTEM_TABLES.audit] };
}

/**
 * The security alerts of one environment's workspace (`workspaceId` may be a Terraform token).
 */
export function securityAlerts(alerts: AlertingSpec, workspaceId: string): AlertQuery[] {
  const lookback = alerts.securityLookbackHours;
  const failedLogins = [
    "WITH failures AS (",
    recent(workspaceId, lookback, `action_name IN (${sqlList(LOGIN_ACTIONS)}) AND response.status_code IN (401, 403)`).replace(/^/gm, "  "),
    "),",
    "per_identity AS (",
    `  SELECT ${WHO} AS identity, count(*) AS attempts`,
    "  FROM failures",
    `  GROUP BY ${WHO}`,
    `  HAVING count(*) >= ${alerts.failedLoginThreshold}`,
    ")",
    breachesRow("per_identity", "concat(identity, ' ', attempts, ' failed logins')"),
  ].join("\n");
  return [
    {
      kind: "failed_logins",
      description: `An identity failed to log in ${alerts.failedLoginThreshold} or more times within ${lookback} h.`,
      sql: failedLogins,
      reads: [SYSTEM_TABLES.audit],
    },
    eventAlert("permission_changes", "Grants or permissions changed (Unity Catalog, table ACLs, workspace object ACLs).", workspaceId, lookback, PERMISSION_EVENTS),
    eventAlert("token_creation", "A personal access token was created.", workspaceId, lookback, ["action_name = 'generateDbToken'"]),
    eventAlert("admin_group_changes", "A principal joined or left the admins group, or an account admin was set or removed.", workspaceId, lookback, ADMIN_GROUP_EVENTS),
  ];
}
