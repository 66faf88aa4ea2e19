/**
 * The contract between the notebook emitters (this folder, pure TypeScript, no cdktf) and the
 * Databricks job construct: one task per notebook, with its DAG edges and its parameters.
 */
import type { Layer, RetentionSpec, TableLayer } from "../platform";

/** Where one environment's data lives; the job passes these to every notebook as parameters. */
export interface PipelineContext {
  /** The environment's Unity Catalog catalog. */
  readonly catalog: string;
  /** Root URL of each layer's storage (may hold Terraform tokens at synth time). */
  readonly layerUrls: Readonly<Record<Layer, string>>;
  /** true on Databricks (Auto Loader); the local harness runs the plain file source. */
  readonly onDatabricks: boolean;
  /** The environment's retention in days per layer: the maintenance task's VACUUM horizon. */
  readonly retentionDays: Readonly<RetentionSpec>;
  /** The folder notebooks import the runtime package from: its content-hashed workspace folder, or runtime/src locally. */
  readonly runtimePath: string;
  /** The folder holding the Great Expectations suites (content-hashed), for the validation task. @default none: no such task */
  readonly expectationsPath?: string;
  /** The folder GX's project lives in (the data quality volume's path): stored validation results and Data Docs. @default none: no such task */
  readonly dataQualityPath?: string;
  /** Where the training tasks log and register: the environment's experiment and MLflow URIs. @default none: no such task */
  readonly ml?: MlTracking;
}

/** MLflow's side of a training task: the experiment it logs to and the stores it uses. */
export interface MlTracking {
  /** The experiment's workspace path. */
  readonly experiment: string;
  /** "databricks" on Databricks, a local sqlite:/// store in a local run. */
  readonly trackingUri: string;
  /** "databricks-uc" (Unity Catalog) on Databricks, the same local store in a local run. */
  readonly registryUri: string;
}

export interface PipelineTask {
  /** Unique task key (naming module), e.g. "silver_orders". */
  readonly taskKey: string;
  readonly layer: TableLayer | "maintenance" | "governance" | "validation" | "training" | "scoring";
  /** Keys of the tasks this one waits for (lineage). */
  readonly dependsOn: ReadonlyArray<string>;
  /** ALL_DONE: runs once its dependencies ran, whether they succeeded or not. @default all succeeded */
  readonly runIf?: "ALL_DONE";
  /** File name of the notebook in the synth output, e.g. "silver_orders.py". */
  readonly fileName: string;
  /** Workspace notebook name (naming.notebookName). */
  readonly notebookName: string;
  /** The notebook in Databricks source format; identical for every environment, with no environment's values in it. */
  readonly source: string;
  /** Parameter values for one environment: the job's base_parameters for this task, every parameter the notebook reads. */
  parameters(ctx: PipelineContext): Record<string, string>;
  /** PyPI packages (name==version) the task needs on its cluster beyond the Databricks runtime. @default none */
  readonly pypiPackages?: ReadonlyArray<string>;
}

/** The task that runs the gold dbt project (jobs/dbt-project.ts) where an environment's gold engine is dbt. */
export interface DbtGoldTask {
  readonly taskKey: string;
  /** The silver (and governance setup) tasks the replaced gold notebooks waited for. */
  readonly dependsOn: ReadonlyArray<string>;
  /** dbt commands, in order. */
  readonly commands: ReadonlyArray<string>;
  /** The schema the models are written to. */
  readonly schema: string;
  /** PyPI packages (name==version) the dbt CLI needs on the task's cluster. */
  readonly pypiPackages: ReadonlyArray<string>;
}

export interface PipelinePlan {
  /** Tasks sorted by taskKey: the provider diffs task lists by position. */
  readonly tasks: ReadonlyArray<PipelineTask>;
  /** The dbt task building gold in place of the gold notebooks. @default none: gold runs as notebooks */
  readonly dbt?: DbtGoldTask;
}
