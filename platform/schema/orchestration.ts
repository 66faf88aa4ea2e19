import { z } from "zod";

/**
 * Who triggers the environment's pipeline job: Databricks' own scheduler, or an Airflow the team
 * already runs (a generated DAG that runs the deployed job; the job's own schedule is then paused).
 */
export const orchestratorSchema = z.enum(["databricks", "airflow"]);
export type Orchestrator = z.output<typeof orchestratorSchema>;

/** How the generated Airflow DAG runs the job; only read when `orchestrator` is "airflow". */
export const airflowSchema = z.strictObject({
  /**
   * The Airflow connection to the environment's workspace.
   * @default databricks_<cloud>_<environment>, e.g. databricks_aws_prod
   */
  connectionId: z.string().regex(/^[A-Za-z0-9_.-]{1,250}$/, "expected an Airflow connection id (letters, digits, _ . -)").optional(),
  /**
   * The service principal (a name in access.principals) the Airflow connection authenticates as: it gets CAN_MANAGE_RUN
   * on the job and nothing else, and is assigned to the workspace. Required when `orchestrator` is "airflow".
   */
  principal: z.string().min(1).optional(),
  /**
   * Airflow retries of a failed job run. Each try repairs the DAG run's one job run (its failed
   * tasks and their dependents) once; a retry never starts another run of the whole job.
   */
  retries: z.number().int().min(0).max(10).default(1),
  retryDelaySeconds: z.number().int().min(0).max(86_400).default(600),
  /**
   * A DAG run's task waiting longer than this fails (and is retried). The deferred wait is not
   * cancelled by a user, so the job run goes on under its tasks' own timeouts; the retry waits on it.
   */
  runTimeoutSeconds: z.number().int().min(60).max(172_800).default(14_400),
});
export type AirflowSpec = z.output<typeof airflowSchema>;
