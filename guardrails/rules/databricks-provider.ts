import { TerraformDataSource, TerraformResource } from "cdktf";
import { rule } from "../rule";

/**
 * Each stack has an account-level and a workspace-level Databricks provider; a resource that
 * falls back to the default provider would be created against whichever one is unaliased.
 */
export const databricksProvider = rule("LH-DATABRICKS-PROVIDER", (node) => {
  const element = node instanceof TerraformResource || node instanceof TerraformDataSource ? node : undefined;
  if (!element?.terraformResourceType.startsWith("databricks_")) return undefined;
  return element.provider ? [] : ["set provider: the account-level or the workspace-level DatabricksProvider"];
});
