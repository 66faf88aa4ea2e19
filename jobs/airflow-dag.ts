/**
 * The Airflow DAG of an environment whose `orchestrator` is "airflow": one task that runs the
 * deployed pipeline job by name with the Databricks provider's DatabricksRunNowOperator. Airflow
 * only triggers the job Terraform owns; it never creates one (DatabricksWorkflowTaskGroup would
 * create and reset jobs of its own, fighting Terraform).
 */
import * as naming from "../naming";
import { AIRFLOW_JOB_PARAMETERS, AIRFLOW_RUN_TASK_ID, airflowConnectionId, airflowDagId } from "../naming/orchestration";
import { airflowCron, type EnvironmentSpec, type Platform } from "../platform";
import { CodeWriter } from "./code-writer";
import { pyStr, pyValue } from "./python";

/** The DAG's first possible run; with catchup off no run before the deploy is ever scheduled. */
const START_DATE = "2026, 1, 1";

/** Jinja for each job parameter: the DAG run's data interval (none on a run without a logical date) and run type. */
const JOB_PARAMETER_TEMPLATES: Record<(typeof AIRFLOW_JOB_PARAMETERS)[number], string> = {
  data_interval_start: "{{ data_interval_start.isoformat() if data_interval_start else '' }}",
  data_interval_end: "{{ data_interval_end.isoformat() if data_interval_end else '' }}",
  airflow_run_type: "{{ dag_run.run_type.value }}",
};

/**
 * Deadline alert: mails the spec's recipients when a DAG run is still going `durationWarningSeconds`
 * after it was queued, as the job's RUN_DURATION_SECONDS health rule warns on the Databricks side.
 * Airflow 3's DeadlineAlert runs the notifier in the triggerer; SmtpNotifier takes its sender from
 * the smtp_default connection. No recipients, no alert: webhook destinations are Databricks' own.
 */
function deadline(environment: EnvironmentSpec): string[] {
  const { emails, durationWarningSeconds } = environment.notifications;
  if (emails.length === 0) return [];
  const subject = `{{ dag_run.dag_id }}: run {{ dag_run.run_id }} still running after ${durationWarningSeconds} s`;
  return [
    "deadline=DeadlineAlert(",
    "    reference=DeadlineReference.DAGRUN_QUEUED_AT,",
    `    interval=datetime.timedelta(seconds=${durationWarningSeconds}),`,
    "    callback=AsyncCallback(",
    "        SmtpNotifier,",
    `        kwargs=${pyValue({ to: [...emails], subject }, 2, "kwargs=")},`,
    "    ),",
    "),",
  ];
}

export function airflowDag(platform: Platform, environment: EnvironmentSpec): string {
  const ref = naming.envRef(platform, environment);
  const converted = airflowCron(environment.schedule.quartzCron);
  // Validation (platform/rules/orchestration.ts) refuses an Airflow environment without a cron schedule.
  if ("error" in converted) throw new Error(`environments "${environment.name}": ${converted.error}`);
  const { airflow } = environment;
  const paused = environment.schedule.paused ?? environment.name === "dev";
  const alert = deadline(environment);
  const landing = environment.trigger === "fileArrival" ? naming.fileArrivalUrl(naming.lakeLayerUrl(ref, environment, "landing")) : undefined;
  const sdk = ["DAG", ...(alert.length > 0 ? ["AsyncCallback", "DeadlineAlert", "DeadlineReference"] : []), ...(landing ? ["Asset", "AssetOrTimeSchedule", "CronTriggerTimetable"] : [])];
  const w = new CodeWriter();
  w.lines([
    `"""Runs the Databricks job ${naming.jobName(ref)} (stack ${naming.stackName(environment)}), generated from the spec."""`,
    "",
    "import datetime",
    "import hashlib",
    "",
    "import pendulum",
    "from airflow.providers.databricks.operators.databricks import DatabricksRunNowOperator",
    ...(alert.length > 0 ? ["from airflow.providers.smtp.notifications.smtp import SmtpNotifier"] : []),
    `from airflow.sdk import ${sdk.join(", ")}`,
    "",
    "",
    "def run_token(dag_id: str, run_id: str) -> str:",
    '    """run-now\'s idempotency token (at most 64 characters), one per DAG run: every try of the run gets the same job run."""',
    '    return hashlib.sha256(f"{dag_id}/{run_id}".encode()).hexdigest()',
    "",
    "",
  ]);
  w.block("with DAG(", (b) =>
    b.lines([
      `dag_id=${pyStr(airflowDagId(ref))},`,
      `description=${pyStr(`${platform.name}: the ${environment.name} pipeline on ${environment.cloud}`)},`,
      // A cron string is a CronTriggerTimetable in the DAG's time zone, the start date's. A file-arrival environment
      // also runs when its landing location's Asset is updated: by the producer's task that lists it in its outlets,
      // or POST /api/v2/assets/events; the cron still catches files that landed without an event.
      landing
        ? `schedule=AssetOrTimeSchedule(timetable=CronTriggerTimetable(${pyStr(converted.cron)}, timezone=${pyStr(environment.schedule.timezone)}), assets=[Asset(uri=${pyStr(landing)})]),`
        : `schedule=${pyStr(converted.cron)},`,
      `start_date=pendulum.datetime(${START_DATE}, tz=${pyStr(environment.schedule.timezone)}),`,
      "catchup=False,",
      // The job queues overlapping runs itself (max_concurrent_runs 1); Airflow starts one at a time too.
      "max_active_runs=1,",
      `is_paused_upon_creation=${paused ? "True" : "False"},`,
      `tags=${pyValue(["lakehouse", platform.prefix, naming.stackName(environment)])},`,
      'user_defined_macros={"run_token": run_token},',
      ...alert,
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
        // The job declares these parameters (empty by default); bronze and silver refuse a backfill
        // the landing layout cannot serve (lakehouse_runtime.interval).
        `job_parameters=${pyValue(JOB_PARAMETER_TEMPLATES, 2, "job_parameters=")},`,
        // The same token on every try: run-now returns the DAG run's existing job run instead of a
        // new one (https://docs.databricks.com/api/workspace/jobs/runnow, idempotency_token) ...
        'idempotency_token="{{ run_token(dag.dag_id, run_id) }}",',
        // ... and repair_run reruns only its failed tasks and their dependents, once per try
        // (https://docs.databricks.com/aws/en/jobs/repair-job-failures).
        "repair_run=True,",
        // The wait runs in the triggerer: no worker slot is held while the job runs.
        "deferrable=True,",
        `retries=${airflow.retries},`,
        `retry_delay=datetime.timedelta(seconds=${airflow.retryDelaySeconds}),`,
        `execution_timeout=datetime.timedelta(seconds=${airflow.runTimeoutSeconds}),`,
        // No Airflow e-mail on failure: a run-now run sends the job's own failure and duration
        // notifications (https://docs.databricks.com/aws/en/jobs/notifications), as a scheduled run would.
      ]),
    ).line(")"),
  );
  return `${w.toString()}\n`;
}
