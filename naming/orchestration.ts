/** Names of what an Airflow-orchestrated environment adds: its DAG, the DAG file and the connection. */
import type { EnvRef } from "./index";

/** Folder of the synth output (beside the stacks) holding one DAG file per Airflow environment. */
export const AIRFLOW_DAG_DIR = "airflow";
/** One DAG per stack: rtl_aws_prod_pipeline (environment names repeat across clouds). */
export const airflowDagId = (r: EnvRef) => `${r.prefix}_${r.env.cloud}_${r.env.name}_pipeline`;
export const airflowDagFile = (r: EnvRef) => `${airflowDagId(r)}.py`;
/** The Airflow connection to the stack's workspace when the spec names none: databricks_aws_prod. */
export const airflowConnectionId = (r: EnvRef) => `databricks_${r.env.cloud}_${r.env.name}`;
/** The DAG's one task: it runs the deployed pipeline job. */
export const AIRFLOW_RUN_TASK_ID = "run_pipeline_job";
/**
 * Job-level parameters of a job Airflow triggers: the DAG run's data interval and run type, passed on
 * run-now and empty when anything else starts the run (lakehouse_runtime.interval reads them).
 */
export const AIRFLOW_JOB_PARAMETERS = ["data_interval_start", "data_interval_end", "airflow_run_type"] as const;
