import { Alert } from "@cdktf/provider-databricks/lib/alert";
import { Directory } from "@cdktf/provider-databricks/lib/directory";
import { Job, type JobTask } from "@cdktf/provider-databricks/lib/job";
import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { Query } from "@cdktf/provider-databricks/lib/query";
import { Construct } from "constructs";
import type { EnvRef } from "../../naming";
import { alertName, alertTaskKey, monitoringFolder, monitoringJobName } from "../../naming/observability";
import { ALERT_CONDITION, type AlertQuery } from "../../observability";
import type { EnvironmentSpec } from "../../platform";

export interface AlertsProps {
  readonly ref: EnvRef;
  readonly environment: EnvironmentSpec;
  readonly workspaceProvider: DatabricksProvider;
  /** The warehouse the queries run on. */
  readonly warehouseId: string;
  /** The alerts' queries, generated from the spec. */
  readonly alerts: ReadonlyArray<AlertQuery>;
  /** Application id of the service principal the monitoring job runs as. */
  readonly runAs: string;
  /** Platform tags, on the monitoring job. */
  readonly tags: Readonly<Record<string, string>>;
}

/** Alert evaluations are short; a hung one is stopped well before the next schedule tick. */
const ALERT_TASK_TIMEOUT_SECONDS = 900;

/**
 * One databricks_query and databricks_alert per alert, in the environment's monitoring folder, and
 * the job that evaluates them on the alerting schedule and notifies the environment's e-mails and
 * notification destinations when one fires.
 */
export class Alerts extends Construct {
  readonly folder: Directory;
  readonly job: Job;
  /** The alerts, by kind. */
  readonly alerts: Readonly<Record<string, Alert>>;

  constructor(scope: Construct, id: string, props: AlertsProps) {
    super(scope, id);
    const { ref, environment, workspaceProvider: provider } = props;
    const { notifications } = environment;
    this.folder = new Directory(this, "folder", { provider, path: monitoringFolder(ref) });
    const parentPath = this.folder.path;

    this.alerts = Object.fromEntries(
      props.alerts.map((a) => {
        const name = alertName(ref, a.kind);
        const query = new Query(this, `${a.kind}_query`, {
          provider,
          displayName: name,
          description: a.description,
          queryText: a.sql,
          warehouseId: props.warehouseId,
          parentPath,
        });
        const alert = new Alert(this, a.kind, {
          provider,
          displayName: name,
          queryId: query.id,
          parentPath,
          condition: {
            op: ALERT_CONDITION.op,
            operand: { column: { name: ALERT_CONDITION.column } },
            threshold: { value: { doubleValue: ALERT_CONDITION.threshold } },
            emptyResultState: "OK",
          },
          customSubject: `${name}: {{ALERT_STATUS}}`,
          customBody: `${a.description}\n{{QUERY_RESULT_TABLE}}`,
          notifyOnOk: true,
        });
        return [a.kind, alert];
      }),
    );

    const subscriptions = [
      ...notifications.emails.map((userName) => ({ userName })),
      ...notifications.webhookDestinationIds.map((destinationId) => ({ destinationId })),
    ];
    const tasks: JobTask[] = props.alerts.map((a) => ({
      taskKey: alertTaskKey(a.kind),
      sqlTask: { warehouseId: props.warehouseId, alert: { alertId: this.alerts[a.kind].id, subscriptions } },
      maxRetries: 1,
      minRetryIntervalMillis: 60_000,
      timeoutSeconds: ALERT_TASK_TIMEOUT_SECONDS,
    }));
    const webhooks = notifications.webhookDestinationIds.map((destination) => ({ id: destination }));
    this.job = new Job(this, "job", {
      provider,
      name: monitoringJobName(ref),
      tags: { ...props.tags },
      task: tasks,
      // Paused only where the spec pauses the pipeline outright (a passive DR secondary): there is nothing to watch until it runs.
      schedule: {
        quartzCronExpression: environment.observability.alerts.quartzCron,
        timezoneId: environment.schedule.timezone,
        pauseStatus: environment.schedule.paused === true ? "PAUSED" : "UNPAUSED",
      },
      maxConcurrentRuns: 1,
      emailNotifications: notifications.emails.length > 0 ? { onFailure: [...notifications.emails] } : undefined,
      webhookNotifications: webhooks.length > 0 ? { onFailure: webhooks } : undefined,
      runAs: { servicePrincipalName: props.runAs },
    });
  }
}
