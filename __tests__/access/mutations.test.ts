/**
 * The access check against a table of mutations of synthesized stacks (retail AWS staging: dbt on the warehouse,
 * Airflow, GX and its data quality volume; AWS dev: training; AWS prod's DR secondary: the table sync): each removes or widens one grant, permission, assignment or owner, and the check
 * names the task, the privilege, the securable, the principal and whether it is missing or too wide.
 */
import { planPipeline } from "../../jobs";
import { retailPlatform } from "../../examples/retail";
import { validatePlatform } from "../../platform";
import { accessViolations } from "../../stacks/access-check";
import type { SynthesizedStack } from "../../stacks/synthesized-access";
import { synthStacks } from "../stacks/example-stacks";

type Block = Record<string, unknown>;
type Entry = { principal?: string; privileges?: string[]; group_name?: string; service_principal_name?: string; permission_level?: string };

const SP = "11111111-2222-3333-4444-555555555555";
const AIRFLOW = "66666666-7777-8888-9999-000000000000";
const platform = validatePlatform(retailPlatform);
const plan = planPipeline(platform);
const stacks: ReadonlyMap<string, SynthesizedStack> = synthStacks(retailPlatform);

/** The one resource of a type whose logical id carries `id` (its construct path's last parts). */
function block(stack: SynthesizedStack, type: string, id: string): Block {
  const found = Object.entries(stack.resource?.[type] ?? {}).filter(([name]) => new RegExp(`_${id}_[0-9A-F]{8}$`).test(name));
  if (found.length !== 1) throw new Error(`expected one ${type} ${id}, found ${found.length}`);
  return found[0][1];
}
const entries = (b: Block, field: "grant" | "access_control") => b[field] as Entry[];
const without = (b: Block, field: "grant" | "access_control", who: string) =>
  (b[field] = entries(b, field).filter((e) => (e.principal ?? e.group_name ?? e.service_principal_name) !== who));
const revoke = (b: Block, who: string, privilege: string) => {
  const e = entries(b, "grant").find((g) => g.principal === who);
  if (!e?.privileges?.includes(privilege)) throw new Error(`${who} does not hold ${privilege}`);
  e.privileges = e.privileges.filter((p) => p !== privilege);
};
const grant = (b: Block, who: string, privilege: string) => {
  const e = entries(b, "grant").find((g) => g.principal === who);
  if (e) e.privileges = [...(e.privileges ?? []), privilege];
  else entries(b, "grant").push({ principal: who, privileges: [privilege] });
};
const permit = (b: Block, entry: Entry) => entries(b, "access_control").push(entry);

type Mutation = [string, "aws-staging" | "aws-dev" | "azure-dev" | "aws-proddr", (s: SynthesizedStack) => void, string];
/** Points AWS dev's file arrival trigger at another folder. */
const watch = (s: SynthesizedStack, url: string) => ((block(s, "databricks_job", "pipeline_job").trigger as { file_arrival: { url: string } }).file_arrival.url = url);

const removed: Mutation[] = [
  ["the run-as principal's USE_CATALOG", "aws-staging", (s) => revoke(block(s, "databricks_grants", "grants_catalog"), SP, "USE_CATALOG"), `silver_customers: USE_CATALOG on catalog rtl_staging for ${SP}: missing`],
  ["the run-as principal's SELECT on silver", "aws-staging", (s) => revoke(block(s, "databricks_grants", "grants_schema_silver"), SP, "SELECT"), `dbt_gold: SELECT on table rtl_staging.silver.payments for ${SP}: missing`],
  ["the run-as principal's MODIFY on bronze", "aws-staging", (s) => revoke(block(s, "databricks_grants", "grants_schema_bronze"), SP, "MODIFY"), `bronze_orders: MODIFY on table rtl_staging.bronze.orders for ${SP}: missing`],
  ["the run-as principal's CREATE_TABLE on gold", "aws-staging", (s) => revoke(block(s, "databricks_grants", "grants_schema_gold"), SP, "CREATE_TABLE"), `dbt_gold: CREATE_TABLE on schema rtl_staging.gold for ${SP}: missing`],
  ["the run-as principal's CREATE_FUNCTION on silver", "aws-staging", (s) => revoke(block(s, "databricks_grants", "grants_schema_silver"), SP, "CREATE_FUNCTION"), `governance_setup: CREATE_FUNCTION on schema rtl_staging.silver for ${SP}: missing`],
  ["the run-as principal's EXECUTE on gold", "aws-staging", (s) => revoke(block(s, "databricks_grants", "grants_schema_gold"), SP, "EXECUTE"), `governance: EXECUTE on function rtl_staging.gold.row_filter_customer_value for ${SP}: missing`],
  ["the run-as principal's READ_FILES on landing", "aws-staging", (s) => revoke(block(s, "databricks_grants", "grants_location_landing"), SP, "READ_FILES"), `bronze_customers: READ_FILES on external location rtl_staging_landing for ${SP}: missing`],
  ["the run-as principal's WRITE_FILES on bronze (checkpoints)", "aws-staging", (s) => revoke(block(s, "databricks_grants", "grants_location_bronze"), SP, "WRITE_FILES"), `bronze_payments: WRITE_FILES on external location rtl_staging_bronze for ${SP}: missing`],
  ["the run-as principal's CAN_USE on the warehouse", "aws-staging", (s) => without(block(s, "databricks_permissions", "warehouse_permissions"), "access_control", SP), `dbt_gold: CAN_USE on warehouse rtl-staging-sql for ${SP}: missing`],
  ["the run-as principal's CAN_RUN on the alerts", "aws-staging", (s) => without(block(s, "databricks_permissions", "monitoring_folder_permissions"), "access_control", SP), `monitoring:alert_freshness: CAN_RUN on path /rtl/staging/monitoring/rtl-staging freshness for ${SP}: missing`],
  ["the run-as principal's CAN_READ on the code folder", "aws-staging", (s) => without(block(s, "databricks_permissions", "notebooks_folder_permissions"), "access_control", SP), `validate_expectations: CAN_READ on path /rtl/staging/expectations for ${SP}: missing`],
  ["the run-as principal's workspace assignment", "aws-staging", (s) => delete s.resource?.databricks_mws_permission_assignment[Object.keys(s.resource.databricks_mws_permission_assignment).find((k) => k.includes("rtl_pipeline")) as string], `job: USER on workspace aws-staging for ${SP}: missing`],
  ["Airflow's CAN_MANAGE_RUN on the job", "aws-staging", (s) => without(block(s, "databricks_permissions", "job_permissions"), "access_control", AIRFLOW), `airflow: CAN_MANAGE_RUN on job rtl-staging-pipeline for ${AIRFLOW}: missing`],
  ["a group's workspace assignment", "aws-staging", (s) => delete s.resource?.databricks_mws_permission_assignment[Object.keys(s.resource.databricks_mws_permission_assignment).find((k) => k.includes("analysts")) as string], "workspace assignment: USER on the workspace for analysts: missing"],
  ["the job's run_as", "aws-staging", (s) => delete block(s, "databricks_job", "pipeline_job").run_as, `job: run_as on job rtl-staging-pipeline for ${SP}: the job runs as its owner`],
  ["the run-as principal's SELECT on the audit log (granted once per metastore)", "aws-dev", (s) => (block(s, "databricks_grant", "system_access_grant").privileges = ["USE_SCHEMA"]), `monitoring:alert_failed_logins: SELECT on table system.access.audit for ${SP}: missing`],
  ["the run-as principal's WRITE_VOLUME on the data quality volume", "aws-staging", (s) => revoke(block(s, "databricks_grants", "data_quality_grants"), SP, "WRITE_VOLUME"), `validate_expectations: WRITE_VOLUME on volume rtl_staging.silver.data_quality for ${SP}: missing`],
  ["the run-as principal's READ_VOLUME on the data quality volume", "aws-staging", (s) => revoke(block(s, "databricks_grants", "data_quality_grants"), SP, "READ_VOLUME"), `validate_expectations: READ_VOLUME on volume rtl_staging.silver.data_quality for ${SP}: missing`],
  ["the run-as principal's EXECUTE on the registered model, which the scoring task loads", "aws-dev", (s) => revoke(block(s, "databricks_grants", "ml_model_customer_ltv_grants"), SP, "EXECUTE"), `score_customer_ltv: EXECUTE on registered model rtl_dev.ml.customer_ltv for ${SP}: missing`],
  ["the registered model's owner", "aws-dev", (s) => delete block(s, "databricks_registered_model", "ml_model_customer_ltv").owner, `train_customer_ltv: OWNERSHIP on registered model rtl_dev.ml.customer_ltv for ${SP}: missing`],
  ["the run-as principal's READ_FILES on landing, which the file arrival trigger lists", "aws-dev", (s) => revoke(block(s, "databricks_grants", "grants_location_landing"), SP, "READ_FILES"), `file arrival trigger: READ_FILES on external location rtl_dev_landing for ${SP}: missing`],
  ["the run-as principal's SELECT on silver, which the table update trigger reads", "azure-dev", (s) => revoke(block(s, "databricks_grants", "grants_schema_silver"), SP, "SELECT"), `table update trigger: SELECT on table rtl_dev.silver.customers for ${SP}: missing`],
  ["the downstream job's run_as", "azure-dev", (s) => delete block(s, "databricks_job", "downstream_job").run_as, `job: run_as on job rtl-dev-downstream for ${SP}: the job runs as its owner`],
  ["the table sync's SELECT on the primary's share", "aws-proddr", (s) => revoke(block(s, "databricks_grants", "table_sync_primary_share_grants"), SP, "SELECT"), `table_sync: SELECT on table rtl_prod_primary.bronze.customers for ${SP}: missing`],
  ["the table sync's USE_SCHEMA on the primary's share", "aws-proddr", (s) => revoke(block(s, "databricks_grants", "table_sync_primary_share_grants"), SP, "USE_SCHEMA"), `table_sync: USE_SCHEMA on schema rtl_prod_primary.gold for ${SP}: missing`],
  ["the table sync's CREATE_TABLE on the secondary's gold", "aws-proddr", (s) => revoke(block(s, "databricks_grants", "grants_schema_gold"), SP, "CREATE_TABLE"), `table_sync: CREATE_TABLE on schema rtl_proddr.gold for ${SP}: missing`],
  ["the run-as principal's CAN_EDIT on the experiment", "aws-dev", (s) => without(block(s, "databricks_permissions", "experiment_permissions"), "access_control", SP), `training: CAN_EDIT on experiment /rtl/dev/rtl-dev-ml for ${SP}: missing`],
];

const widened: Mutation[] = [
  ["MODIFY on gold for a reader", "aws-staging", (s) => grant(block(s, "databricks_grants", "grants_schema_gold"), "analysts", "MODIFY"), "readers get no MODIFY: MODIFY on schema rtl_staging.gold for analysts: too wide"],
  ["MODIFY on the catalog for a reader", "aws-staging", (s) => grant(block(s, "databricks_grants", "grants_catalog"), "customer-care", "MODIFY"), "readers get no MODIFY: MODIFY on schema rtl_staging.silver for customer-care: too wide"],
  ["SELECT on bronze for a principal without pii", "aws-staging", (s) => grant(block(s, "databricks_grants", "grants_schema_bronze"), "data-engineers", "SELECT"), "no PII in clear: SELECT on schema rtl_staging.bronze for data-engineers: too wide"],
  ["READ_FILES on landing for a principal without pii", "aws-staging", (s) => grant(block(s, "databricks_grants", "grants_location_landing"), "sales-benelux", "READ_FILES"), "no PII in clear: READ_FILES on external location rtl_staging_landing for sales-benelux: too wide"],
  ["ALL_PRIVILEGES on silver for the admins", "aws-staging", (s) => grant(block(s, "databricks_grants", "grants_schema_silver"), "platform-admins", "ALL_PRIVILEGES"), "masks change only by the owners: MANAGE on table rtl_staging.silver.customers for platform-admins: too wide"],
  ["MANAGE on the catalog for the engineers", "aws-staging", (s) => grant(block(s, "databricks_grants", "grants_catalog"), "data-engineers", "MANAGE"), "masks change only by the owners: MANAGE on table rtl_staging.gold.customer_value for data-engineers: too wide"],
  ["SELECT on gold for a principal the spec does not name", "aws-staging", (s) => grant(block(s, "databricks_grants", "grants_schema_gold"), "contractors", "SELECT"), "access model: SELECT on schema rtl_staging.gold for contractors: too wide"],
  ["MANAGE on the data quality volume for the run-as principal", "aws-staging", (s) => grant(block(s, "databricks_grants", "data_quality_grants"), SP, "MANAGE"), `access model: MANAGE on volume rtl_staging.silver.data_quality for ${SP}: too wide`],
  ["WRITE_VOLUME on the data quality volume for a reader", "aws-staging", (s) => grant(block(s, "databricks_grants", "data_quality_grants"), "customer-care", "WRITE_VOLUME"), "access model: WRITE_VOLUME on volume rtl_staging.silver.data_quality for customer-care: too wide"],
  ["READ_VOLUME on the data quality volume for a principal without silver access", "aws-staging", (s) => grant(block(s, "databricks_grants", "data_quality_grants"), "sales-benelux", "READ_VOLUME"), "access model: READ_VOLUME on volume rtl_staging.silver.data_quality for sales-benelux: too wide"],
  ["CAN_MANAGE on the code folder for every workspace user", "aws-staging", (s) => permit(block(s, "databricks_permissions", "notebooks_folder_permissions"), { group_name: "users", permission_level: "CAN_MANAGE" }), "code folder: CAN_MANAGE on path /rtl/staging for users: too wide"],
  ["CAN_EDIT on the code folder for the engineers", "aws-staging", (s) => permit(block(s, "databricks_permissions", "notebooks_folder_permissions"), { group_name: "data-engineers", permission_level: "CAN_EDIT" }), "code folder: CAN_EDIT on path /rtl/staging for data-engineers: too wide"],
  ["a notebook back in /Shared", "aws-staging", (s) => {
    const task = (block(s, "databricks_job", "pipeline_job").task as { notebook_task?: { notebook_path: string } }[]).find((t) => t.notebook_task);
    if (task?.notebook_task) task.notebook_task.notebook_path = "/Shared/rtl/staging/bronze_customers";
  }, "code folder: CAN_MANAGE on path /Shared/rtl/staging/bronze_customers for users: too wide"],
  ["MODIFY on the primary's share for the table sync", "aws-proddr", (s) => grant(block(s, "databricks_grants", "table_sync_primary_share_grants"), SP, "MODIFY"), `access model: MODIFY on catalog rtl_prod_primary for ${SP}: too wide`],
  ["SELECT on the primary's share for a reader", "aws-proddr", (s) => grant(block(s, "databricks_grants", "table_sync_primary_share_grants"), "analysts", "SELECT"), "access model: SELECT on catalog rtl_prod_primary for analysts: too wide"],
  ["CAN_USE on the warehouse for a reader", "aws-staging", (s) => permit(block(s, "databricks_permissions", "warehouse_permissions"), { group_name: "analysts", permission_level: "CAN_USE" }), "access model: CAN_USE on warehouse rtl-staging-sql for analysts: too wide"],
  ["CAN_MANAGE_RUN on the job for a reader", "aws-staging", (s) => {
    const e = entries(block(s, "databricks_permissions", "job_permissions"), "access_control").find((a) => a.group_name === "sales-benelux");
    if (e) e.permission_level = "CAN_MANAGE_RUN";
  }, "access model: CAN_MANAGE_RUN on job rtl-staging-pipeline for sales-benelux: too wide"],
  ["CAN_MANAGE_RUN on the downstream job for a reader", "azure-dev", (s) => {
    const e = entries(block(s, "databricks_permissions", "downstream_job_permissions"), "access_control").find((a) => a.group_name === "sales-benelux");
    if (e) e.permission_level = "CAN_MANAGE_RUN";
  }, "access model: CAN_MANAGE_RUN on job rtl-dev-downstream for sales-benelux: too wide"],
  ["the file arrival trigger onto the bronze location", "aws-dev", (s) => watch(s, "s3://rtl-dev-bronze-111111111111/"), `file arrival trigger: READ_FILES on url s3://rtl-dev-bronze-111111111111/ for ${SP}: the URL is in external location rtl_dev_bronze, not the landing location rtl_dev_landing`],
  ["the file arrival trigger onto a bucket no external location covers", "aws-dev", (s) => watch(s, "s3://elsewhere/"), `file arrival trigger: READ_FILES on url s3://elsewhere/ for ${SP}: the URL is in no Unity Catalog external location of the stack`],
  ["the file arrival trigger onto gold, which holds the catalog's managed storage", "aws-dev", (s) => watch(s, "s3://rtl-dev-gold-111111111111/"), `file arrival trigger: READ_FILES on url s3://rtl-dev-gold-111111111111/ for ${SP}: the watched folder contains the managed storage of catalog rtl_dev`],
];

describe("access check mutations", () => {
  it.each(["aws-staging", "aws-dev", "azure-dev", "aws-proddr"])("finds nothing in the unchanged %s stack", (name) => {
    expect(accessViolations(platform, plan, stacks).filter((v) => v.startsWith(`${name}:`))).toStrictEqual([]);
  });

  it("fails in every stack on the metastore if the one system grant goes: aws-staging relies on aws-dev's", () => {
    const dev = structuredClone(stacks.get("aws-dev")) as SynthesizedStack;
    block(dev, "databricks_grant", "system_access_grant").privileges = ["USE_SCHEMA"];
    const found = accessViolations(platform, plan, new Map<string, SynthesizedStack>([...stacks, ["aws-dev", dev]]));
    expect(found).toContainEqual(expect.stringContaining(`aws-staging: monitoring:alert_failed_logins: SELECT on table system.access.audit for ${SP}: missing`));
    expect(found.filter((v) => v.startsWith("azure-"))).toStrictEqual([]);
  });

  it.each([...removed, ...widened])("fails if %s is removed or widened", (_what, name, mutate, expected) => {
    const stack = structuredClone(stacks.get(name)) as SynthesizedStack;
    mutate(stack);
    const found = accessViolations(platform, plan, new Map<string, SynthesizedStack>([...stacks, [name, stack]])).filter((v) => v.startsWith(`${name}:`));
    expect(found).toContainEqual(expect.stringContaining(`${name}: ${expected}`));
  });
});
