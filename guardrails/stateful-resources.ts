/**
 * Resource types that hold data or identity: destroying or replacing one loses data, breaks a
 * trust relationship, or takes a workspace with it. The destroy-protection Aspect gives each of
 * them `prevent_destroy`, and the deploy gate (scripts/plan-gate.ts) stops a plan that destroys
 * or replaces one. Extend this one list when a new stateful type appears: a test classifies every
 * resource type the example stacks synthesize (__tests__/security/deploy-safety.test.ts).
 */
export const STATEFUL_RESOURCE_TYPES: ReadonlySet<string> = new Set([
  // AWS: lake and root buckets, their keys, and the roles Databricks and Unity Catalog assume.
  "aws_s3_bucket",
  "aws_kms_key",
  "aws_iam_role",
  // Azure: everything in the group goes with it; lake storage, its key, audit logs, identities.
  "azurerm_resource_group",
  "azurerm_storage_account",
  "azurerm_storage_container",
  "azurerm_key_vault",
  "azurerm_key_vault_key",
  "azurerm_log_analytics_workspace",
  "azurerm_databricks_access_connector",
  // The lake's customer-managed-key identity: Key Vault's access policy trusts its principal id, which
  // a replacement changes, so the lake would lose its key.
  "azurerm_user_assigned_identity",
  "azurerm_databricks_workspace",
  // Databricks: workspaces and their account-level registrations, Unity Catalog objects.
  "databricks_mws_workspaces",
  "databricks_mws_credentials",
  "databricks_mws_storage_configurations",
  // The workspace's CMK registrations (managed services, storage): the workspace's data is encrypted
  // under them, and a replaced registration is a new key configuration the running workspace must
  // be moved to. (The AWS keys are aws_kms_key above; the Azure keys are existing Key Vault keys,
  // read as data sources, and the DBFS key binding can be re-created without losing data.)
  "databricks_mws_customer_managed_keys",
  "databricks_metastore",
  "databricks_metastore_assignment",
  "databricks_storage_credential",
  "databricks_external_location",
  "databricks_catalog",
  "databricks_schema",
  // The DR recipient: the trust between the primary's metastore and the secondary's, which mounts the
  // share through a provider object created for it; a replacement leaves the secondary's shared catalog dangling.
  "databricks_recipient",
  // MLflow: a registered model holds its versions (and the alias serving reads), an experiment its
  // runs, metrics and artifacts; a replacement starts both empty under a new id.
  "databricks_registered_model",
  "databricks_mlflow_experiment",
  // The data quality volume: a managed volume's files (GX's stored validation results and Data Docs)
  // go with it, and a replacement starts it empty.
  "databricks_volume",
]);
