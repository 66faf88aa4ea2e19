/**
 * The two Databricks providers of an AWS environment. Neither carries a credential or an auth type:
 * the deployer's environment chooses, e.g. workload identity federation in CI
 * (DATABRICKS_AUTH_TYPE=github-oidc with DATABRICKS_CLIENT_ID, no secret) or OAuth M2M locally
 * (DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET).
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
  });

/** Workspace-level provider, pointed at the workspace this stack creates. */
export const workspaceProvider = (scope: Construct, workspaceUrl: string) =>
  new DatabricksProvider(scope, "databricks_workspace", { alias: "workspace", host: workspaceUrl });
