import { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { Construct } from "constructs";

/** The Azure account console; one host for every Azure Databricks account. */
export const AZURE_ACCOUNTS_HOST = "https://accounts.azuredatabricks.net";

export interface AzureDatabricksProvidersProps {
  readonly accountId: string;
  /** https URL of the workspace. */
  readonly workspaceUrl: string;
  /** ARM id of the workspace: lets the provider authenticate with the same Azure login as azurerm. */
  readonly workspaceResourceId: string;
}

/**
 * The account-level and workspace-level Databricks providers, aliased so every Databricks resource
 * must say which one it uses. Credentials come from the environment (Azure CLI, managed identity or
 * ARM_* variables), never from config.
 */
export class AzureDatabricksProviders extends Construct {
  readonly account: DatabricksProvider;
  readonly workspace: DatabricksProvider;

  constructor(scope: Construct, id: string, props: AzureDatabricksProvidersProps) {
    super(scope, id);
    this.account = new DatabricksProvider(this, "account", { alias: "account", host: AZURE_ACCOUNTS_HOST, accountId: props.accountId });
    this.workspace = new DatabricksProvider(this, "workspace", {
      alias: "workspace",
      host: props.workspaceUrl,
      azureWorkspaceResourceId: props.workspaceResourceId,
    });
  }
}
