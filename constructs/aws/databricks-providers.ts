/**
 * The two Databricks providers of an AWS environment. Neither carries a secret: both authenticate
 * at deploy time as a service principal through OAuth M2M, from DATABRICKS_CLIENT_ID and
 * DATABRICKS_CLIENT_SECRET in the deployer's environment.
 */
import { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import type { Construct } from "constructs";

/** Account console of commercial AWS, and of GovCloud. */
const accountsHost = (partition: string) =>
  partition === "aws-us-gov" ? "https://accounts.cloud.databricks.us" : "https://accounts.cloud.databricks.com";

/** Account-level provider: credentials, storage and network configurations, workspaces, log delivery. */
export const accountProvider = (scope: Construct, partition: string, databricksAccountId: string) =>
  new DatabricksProvider(scope, "databricks_account", {
    alias: "account",
    host: accountsHost(partition),
    accountId: databricksAccountId,
    authType: "oauth-m2m",
  });

/** Workspace-level provider, pointed at the workspace this stack creates. */
export const workspaceProvider = (scope: Construct, workspaceUrl: string) =>
  new DatabricksProvider(scope, "databricks_workspace", { alias: "workspace", host: workspaceUrl, authType: "oauth-m2m" });
