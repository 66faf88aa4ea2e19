/**
 * The Airflow DAG of an environment whose `orchestrator` is "airflow": one task that runs the
 * deployed pipeline job by name with the Databricks provider's DatabricksRunNowOperator. Airflow
 * only triggers the job Terraform owns; it never creates one (DatabricksWorkflowTaskGroup would
 * create and reset jobs of its own, fighting Terraform).
 */
import * as naming from "../naming";
import { AIRFLOW_RUN_TASK_ID, airflowConnectionId, airflowDagId } from "../naming/orchestration";
import { airflowCron, type EnvironmentSpec, type Platform } from "../platform";
import { CodeWriter } from "./code-writer";
import { pyStr, pyValue } from "./python";

/** The DAG's first possible run; with catchup off no run before the deploy is ever scheduled. */
const START_DATE = "2026, 1, 1";

export function airflowDag(platform: Platform, environment: EnvironmentSpec): string {
  const ref = naming.envRef(platform, environment);
  const converted = airflowCron(environment.schedule.quartzCron);
  // Validation (platform/rules/orchestration.ts) refuses an Airflow environment without a cron schedule.
  if ("error" in converted) throw new Error(`environments "${environment.name}": ${converted.error}`);
  const { airflow } = environment;
  const paused = environment.schedule.paused ?? environment.name === "dev";
  const w = new CodeWriter();
  w.lines([
    `"""Runs the Databricks job ${naming.jobName(ref)} (stack ${naming.stackName(environment)}), generated from the spec."""`,
    "",
    "import datetime",
    "",
    "import pendulum",
    "from airflow.providers.databricks.operators.databricks import DatabricksRunNowOperator",
    "from airflow.sdk import DAG",
    "",
  ]);
  w.block("with DAG(", (b) =>
    b.lines([
      `dag_id=${pyStr(airflowDagId(ref))},`,
      `description=${pyStr(`${platform.name}: the ${environment.name} pipeline on ${environment.cloud}`)},`,
      // A cron string is a CronTriggerTimetable in the DAG's time zone, the start date's.
      `schedule=${pyStr(converted.cron)},`,
      `start_date=pendulum.datetime(${START_DATE}, tz=${pyStr(environment.schedule.timezone)}),`,
      "catchup=False,",
      // The job queues overlapping runs itself (max_concurrent_runs 1); Airflow starts one at a time too.
      "max_active_runs=1,",
      `is_paused_upon_creation=${paused ? "True" : "False"},`,
      `tags=${pyValue(["lakehouse", platform.prefix, naming.stackName(environment)])},`,
    ]),
  );
  w.line(") as dag:");
  w.indented((b) =>
    b.block("DatabricksRunNowOperator(", (o) =>
      o.lines([
        `task_id=${pyStr(AIRFLOW_RUN_TASK_ID)},`,
        `databricks_conn_id=${pyStr(airflow.connectionId ?? airflowConnectionId(ref))},`,
        // By name: the provider fails the task when no job or several jobs have it.
        `job_name=${pyStr(naming.jobName(ref))},`,
        `retries=${airflow.retries},`,
        `retry_delay=datetime.timedelta(seconds=${airflow.retryDelaySeconds}),`,
        `execution_timeout=datetime.timedelta(seconds=${airflow.runTimeoutSeconds}),`,
        // No Airflow e-mail: a run-now run sends the job's own failure and duration notifications
        // (https://docs.databricks.com/aws/en/jobs/notifications), as a scheduled run would.
      ]),
    ).line(")"),
  );
  return `${w.toString()}\n`;
}
