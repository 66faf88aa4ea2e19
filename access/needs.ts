/**
 * What each task of one environment's job needs, read off what its runtime code does (runtime/src/lakehouse_runtime):
 * every Unity Catalog privilege, workspace permission and assignment, each with the reason. Pure: the plan and the
 * spec in, a list out; access/check.ts proves each is granted in the synthesized stack.
 */
import { environmentPlan } from "../jobs/environment-plan";
import { goldInputs } from "../jobs/gold-query";
import { governanceFunctions, governancePlan, isGoverned, type TableGovernance, tableGovernance } from "../jobs/governance-sql";
import { pipelineTables } from "../jobs/maintenance";
import { syncedTables } from "../jobs/table-sync";
import type { PipelinePlan, PipelineTask } from "../jobs/plan";
import { predictionsGovernance } from "../jobs/scoring";
import { trainedModels } from "../jobs/training";
import * as naming from "../naming";
import { primaryShareCatalogName, TABLE_SYNC_NOTEBOOK, TABLE_SYNC_TASK_KEY } from "../naming/dr";
import { ML_SCHEMA, mlExperimentName, predictionsTable, registeredModelName, scoringTaskKey, trainingTaskKey } from "../naming/ml";
import { alertName, alertTaskKey, monitoringFolder, warehouseName } from "../naming/observability";
import { DATA_QUALITY_VOLUME, DBT_TASK_KEY, EXPECTATION_RESULTS_TABLE } from "../naming/pipeline";
import { environmentAlerts } from "../observability";
import { CONTINUOUS_DEFAULTS, type EnvironmentSpec, type Layer, type Platform, type TableLayer } from "../platform";
import { primaryOf } from "../platform/dr";
import { runAsApplicationId } from "./privileges";
import type { UcSecurable, WorkspaceObject } from "./securables";

/** The workspace itself, as the securable of an assignment. */
export interface WorkspaceSecurable {
  readonly kind: "workspace";
  readonly name: string;
}

/**
 * One thing a task's code needs. `privilege` is a Unity Catalog privilege, a workspace permission level, USER for a
 * workspace assignment, OWNERSHIP (only the owner may do it) or MANAGE (the owner or MANAGE).
 */
export interface Need {
  readonly task: string;
  readonly principal: string;
  readonly privilege: string;
  readonly securable: UcSecurable | WorkspaceObject | WorkspaceSecurable;
  /** What the code does with it. */
  readonly why: string;
}

const uc = (kind: UcSecurable["kind"], name: string): UcSecurable => ({ kind, name });
const path = (name: string): WorkspaceObject => ({ kind: "path", name });

/** The names one environment's needs refer to. */
interface Names {
  readonly catalog: string;
  readonly folder: string;
  schema(layer: TableLayer | typeof ML_SCHEMA): UcSecurable;
  table(layer: TableLayer, table: string): UcSecurable;
  location(layer: Layer): UcSecurable;
  /** The data quality volume (GX's project) in silver. */
  readonly volume: UcSecurable;
}

function names(platform: Platform, environment: EnvironmentSpec): Names {
  const ref = naming.envRef(platform, environment);
  const catalog = naming.catalogName(ref);
  return {
    catalog,
    folder: naming.workspaceFolder(ref),
    schema: (layer) => uc("schema", `${catalog}.${layer === ML_SCHEMA ? ML_SCHEMA : naming.schemaName(layer)}`),
    table: (layer, table) => uc("table", `${catalog}.${naming.schemaName(layer)}.${table}`),
    location: (layer) => uc("external_location", naming.externalLocationName(ref, layer)),
    volume: uc("volume", `${catalog}.${naming.schemaName("silver")}.${DATA_QUALITY_VOLUME}`),
  };
}

type Add = (privilege: string, securable: Need["securable"], why: string) => void;

/** Reading a table: USE CATALOG and USE SCHEMA on the path, SELECT on the table. */
function reads(add: Add, n: Names, layer: TableLayer, table: string, why: string): void {
  add("USE_SCHEMA", n.schema(layer), `${why}: the schema on the path`);
  add("SELECT", n.table(layer, table), why);
}

/** Writing a table the task may create: CREATE TABLE on the schema, SELECT and MODIFY on the table. */
function writes(add: Add, n: Names, layer: TableLayer, table: string, why: string): void {
  add("USE_SCHEMA", n.schema(layer), `${why}: the schema on the path`);
  add("CREATE_TABLE", n.schema(layer), `${why}: creates the table on its first run`);
  add("SELECT", n.table(layer, table), `${why}: reads it back (MERGE, history, schema)`);
  add("MODIFY", n.table(layer, table), why);
}

/** The mask and row filter functions a governed table's definition names: EXECUTE to create the table with them. */
function governedBy(add: Add, n: Names, platform: Platform, layer: TableLayer, table: string): void {
  governedWith(add, n, table, tableGovernance(governancePlan(platform), layer, table));
}

function governedWith(add: Add, n: Names, table: string, g: TableGovernance): void {
  const functions = [...Object.values(g.masks), ...(g.row_filter ? [g.row_filter.function] : [])];
  for (const f of new Set(functions)) add("EXECUTE", uc("function", `${n.catalog}.${f}`), `creates ${table} with its masks and row filter`);
}

function taskNeeds(platform: Platform, n: Names, task: PipelineTask, add: Add): void {
  add("CAN_READ", path(`${n.folder}/${task.notebookName}`), "the job runs the notebook");
  add("CAN_READ", path(`${n.folder}/runtime`), "the notebook imports lakehouse_runtime from its workspace files");
  add("USE_CATALOG", uc("catalog", n.catalog), "every table name is in the environment's catalog");
  const dataset = platform.datasets.find((ds) => task.taskKey === naming.bronzeTaskKey(ds) || task.taskKey === naming.silverTaskKey(ds));
  const gold = platform.gold.find((g) => task.taskKey === naming.goldTaskKey(g));
  const model = trainedModels(platform).find((m) => task.taskKey === trainingTaskKey(m) || task.taskKey === scoringTaskKey(m));
  if (task.layer === "bronze" && dataset) {
    add("READ_FILES", n.location("landing"), "Auto Loader lists and reads the landing files");
    add("READ_FILES", n.location("bronze"), "the stream's checkpoint and Auto Loader's schema location");
    add("WRITE_FILES", n.location("bronze"), "the stream's checkpoint and Auto Loader's schema location");
    writes(add, n, "bronze", naming.bronzeTable(dataset), "appends each micro-batch");
  } else if (task.layer === "silver" && dataset) {
    reads(add, n, "bronze", naming.bronzeTable(dataset), "reads bronze's change feed");
    for (const table of [naming.silverTable(dataset), naming.quarantineTable(dataset)]) {
      writes(add, n, "silver", table, "appends new keys and MERGEs changed ones");
      governedBy(add, n, platform, "silver", table);
    }
    writes(add, n, "silver", naming.QUALITY_RESULTS_TABLE, "appends the batch's rule results");
  } else if (task.layer === "gold" && gold) {
    for (const input of new Set(goldInputs(gold))) reads(add, n, "silver", naming.silverTable({ name: input }), "the aggregate's query reads it");
    writes(add, n, "gold", naming.goldTable(gold), "CREATE OR REPLACE TABLE ... AS SELECT");
    governedBy(add, n, platform, "gold", naming.goldTable(gold));
  } else if (task.layer === "governance" && task.dependsOn.length === 0) {
    for (const f of governanceFunctions(platform)) {
      add("USE_SCHEMA", n.schema(f.layer), "CREATE OR REPLACE FUNCTION: the schema on the path");
      add("CREATE_FUNCTION", n.schema(f.layer), `creates ${f.name}`);
    }
  } else if (task.layer === "governance") {
    const plan = governancePlan(platform);
    const governed = pipelineTables(platform).filter(([layer, table]) => layer !== "bronze" && isGoverned(tableGovernance(plan, layer, table)));
    const tagged = plan.columns.map((c): [TableLayer, string] => [c.layer, c.table]);
    for (const [layer, table] of [...governed, ...tagged]) {
      add("USE_SCHEMA", n.schema(layer), "reads information_schema and alters the table: the schema on the path");
      add("MANAGE", n.table(layer, table), "sets tags, SET MASK, SET ROW FILTER and drops stale ones (owner or MANAGE)");
    }
    for (const f of governanceFunctions(platform)) add("EXECUTE", uc("function", `${n.catalog}.${f.name}`), "SET MASK / SET ROW FILTER with it");
  } else if (task.layer === "maintenance") {
    for (const [layer, table] of pipelineTables(platform)) {
      add("USE_SCHEMA", n.schema(layer), "OPTIMIZE, VACUUM: the schema on the path");
      add("MODIFY", n.table(layer, table), "OPTIMIZE and VACUUM");
      add("MANAGE", n.table(layer, table), "ALTER TABLE SET TBLPROPERTIES (retention): owner or MANAGE");
    }
  } else if (task.layer === "validation") {
    add("CAN_READ", path(`${n.folder}/expectations`), "loads the Great Expectations suites");
    for (const ds of platform.datasets) reads(add, n, "silver", naming.silverTable(ds), "validates the run's silver batch against its suite");
    writes(add, n, "silver", EXPECTATION_RESULTS_TABLE, "appends the validation results");
    add("USE_SCHEMA", n.schema("silver"), "the data quality volume: the schema on the path");
    add("READ_VOLUME", n.volume, "loads the GX project (its config, checkpoints, stored results)");
    add("WRITE_VOLUME", n.volume, "stores the Checkpoint's validation results and updates Data Docs");
  } else if (task.layer === "training" && model) {
    reads(add, n, "gold", naming.goldTable({ name: model.gold }), "reads the features and label");
    add("USE_SCHEMA", n.schema(ML_SCHEMA), "registers the model: the schema on the path");
    add("OWNERSHIP", uc("registered_model", `${n.catalog}.${ML_SCHEMA}.${registeredModelName(model)}`), "creates a model version: only the model's owner may");
  } else if (task.layer === "scoring" && model) {
    reads(add, n, "gold", naming.goldTable({ name: model.gold }), "scores every row of its current version");
    add("USE_SCHEMA", n.schema(ML_SCHEMA), "loads the model: the schema on the path");
    // Loading a model version needs EXECUTE on the model (https://docs.databricks.com/aws/en/machine-learning/manage-model-lifecycle/).
    add("EXECUTE", uc("registered_model", `${n.catalog}.${ML_SCHEMA}.${registeredModelName(model)}`), "loads the version under the alias");
    writes(add, n, "gold", predictionsTable(model), "INSERT OVERWRITE of the predictions");
    governedWith(add, n, predictionsTable(model), predictionsGovernance(model, platform));
  }
}

/** What the job's trigger reads as the run-as principal: the landing files it watches, or the silver tables whose updates start the downstream job. */
function triggerNeeds(platform: Platform, environment: EnvironmentSpec, n: Names, adder: (task: string) => Add): void {
  if (environment.trigger === "fileArrival") {
    // The trigger needs read access to the location it watches (requirements of
    // https://docs.databricks.com/aws/en/jobs/file-arrival-triggers); READ FILES is that privilege on an external location.
    adder("file arrival trigger")("READ_FILES", n.location("landing"), "the trigger lists the landing location for new files");
  }
  if (environment.trigger === "continuous" && (environment.continuous ?? CONTINUOUS_DEFAULTS).downstream === "tableUpdate") {
    // "The principal configured in the job's Run as field must have SELECT permissions on every object the trigger
    // monitors" (https://docs.databricks.com/aws/en/jobs/trigger-table-update).
    const add = adder("table update trigger");
    add("USE_CATALOG", uc("catalog", n.catalog), "the watched tables are in the environment's catalog");
    for (const ds of platform.datasets) reads(add, n, "silver", naming.silverTable(ds), "the trigger reads the table's metadata and change history");
  }
}

/**
 * A DR secondary's table sync (jobs/table-sync.ts): it reads every synced table through the catalog mounting the
 * primary's share, and creates or replaces its deep clone in the secondary's catalog.
 */
function tableSyncNeeds(platform: Platform, n: Names, primary: EnvironmentSpec, add: Add): void {
  const shared = primaryShareCatalogName(naming.envRef(platform, primary));
  add("CAN_READ", path(`${n.folder}/${TABLE_SYNC_NOTEBOOK}`), "the job runs the sync notebook");
  add("USE_CATALOG", uc("catalog", shared), "the clones' sources are in the primary's shared catalog");
  add("USE_CATALOG", uc("catalog", n.catalog), "the clones are in the secondary's catalog");
  for (const [layer, table] of syncedTables(platform, primary)) {
    add("USE_SCHEMA", uc("schema", `${shared}.${naming.schemaName(layer)}`), "DEEP CLONE reads the source: the schema on the path");
    add("SELECT", uc("table", naming.qualified(shared, layer, table)), "DEEP CLONE reads the source");
    writes(add, n, layer, table, "CREATE OR REPLACE TABLE ... DEEP CLONE");
  }
}

/**
 * Every need of one environment's stack: each pipeline task's, the dbt task's, the alert tasks' (the monitoring job
 * runs as the same principal), a DR secondary's table sync, and the job-level ones (assignment, Airflow's run permission).
 */
export function environmentNeeds(platform: Platform, environment: EnvironmentSpec, platformPlan: PipelinePlan): Need[] {
  const n = names(platform, environment);
  const ref = naming.envRef(platform, environment);
  const runAs = runAsApplicationId(platform.access);
  const needs: Need[] = [];
  const adder =
    (task: string, principal = runAs): Add =>
    (privilege, securable, why) =>
      needs.push({ task, principal, privilege, securable, why });
  const plan = environmentPlan(platform, environment, platformPlan);
  const job = { kind: "job", name: naming.jobName(ref) } as const;

  // A principal not assigned to the workspace cannot be a job's run_as (https://docs.databricks.com/aws/en/jobs/privileges).
  adder("job")("USER", { kind: "workspace", name: naming.stackName(environment) }, "the job runs as it");
  for (const task of plan.tasks) taskNeeds(platform, n, task, adder(task.taskKey));
  if (plan.dbt) {
    const add = adder(DBT_TASK_KEY);
    // "The principal configured in the Run As field must have CAN USE on the SQL warehouse" (https://docs.databricks.com/aws/en/jobs/tasks/dbt).
    add("CAN_USE", { kind: "warehouse", name: warehouseName(ref) }, "dbt runs its SQL on the warehouse");
    add("CAN_READ", path(`${n.folder}/dbt`), "dbt reads the project from its workspace files");
    add("USE_CATALOG", uc("catalog", n.catalog), "every model is in the environment's catalog");
    for (const g of platform.gold) {
      for (const input of new Set(goldInputs(g))) reads(add, n, "silver", naming.silverTable({ name: input }), "a model's query reads it");
      writes(add, n, "gold", naming.goldTable(g), "dbt materializes the model as a table");
    }
  }
  if (environment.ml && platform.ml) {
    const add = adder("training");
    add("CAN_EDIT", { kind: "experiment", name: mlExperimentName(ref) }, "logs the training runs");
  }
  for (const alert of environmentAlerts(platform, environment, "")) {
    const add = adder(`monitoring:${alertTaskKey(alert.kind)}`);
    add("CAN_USE", { kind: "warehouse", name: warehouseName(ref) }, "the alert's query runs on the warehouse");
    add("CAN_RUN", path(`${monitoringFolder(ref)}/${alertName(ref, alert.kind)}`), "the alert task runs the alert");
    for (const table of alert.reads) {
      const [catalog, schema] = table.split(".");
      add("USE_CATALOG", uc("catalog", catalog), "the alert's query reads a table in it");
      add("USE_SCHEMA", uc("schema", `${catalog}.${schema}`), "the alert's query reads a table in it");
      add("SELECT", uc("table", table), "the alert's query reads it");
    }
  }
  triggerNeeds(platform, environment, n, adder);
  const primary = primaryOf(platform.environments, environment);
  if (primary) tableSyncNeeds(platform, n, primary, adder(TABLE_SYNC_TASK_KEY));
  const airflow = environment.orchestrator === "airflow" ? platform.access.principals.find((p) => p.name === environment.airflow.principal) : undefined;
  if (airflow?.applicationId) {
    const add = adder("airflow", airflow.applicationId);
    add("USER", { kind: "workspace", name: naming.stackName(environment) }, "Airflow's connection authenticates as it");
    add("CAN_MANAGE_RUN", job, "the DAG triggers, watches and cancels the job's runs");
  }
  return needs;
}
