import {
  Job,
  type JobJobClusterNewCluster,
  type JobJobClusterNewClusterAwsAttributes,
  type JobJobClusterNewClusterAzureAttributes,
  type JobTask,
} from "@cdktf/provider-databricks/lib/job";
import { Permissions } from "@cdktf/provider-databricks/lib/permissions";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { PipelineContext, PipelinePlan } from "../../jobs/plan";
import * as naming from "../../naming";
import { AIRFLOW_JOB_PARAMETERS } from "../../naming/orchestration";
import type { EnvironmentSpec } from "../../platform";
import type { CloudFoundation } from "../cloud/foundation";
import { type ResolvedPrincipal, accessControl, jobPermissionLevel } from "../../access/privileges";
import { dataSecurityMode } from "./cluster-policy-definition";
import type { JobStart } from "./job-start";

export interface PipelineJobProps {
  /** The job's name: naming.jobName, or naming.downstreamJobName for a continuous environment's second job. */
  readonly name: string;
  /** What starts the job (./job-start.ts): its schedule, trigger or continuous block. */
  readonly start: JobStart;
  readonly environment: EnvironmentSpec;
  /** Supplies the workspace provider and the job cluster's cloud attributes. */
  readonly foundation: CloudFoundation;
  readonly pipeline: PipelinePlan;
  /** Where the notebooks read and write: passed to each as its widgets. */
  readonly context: PipelineContext;
  /** Workspace path of each task's notebook, by task key. */
  readonly notebookPaths: Readonly<Record<string, string>>;
  /** The cluster policy the shared job cluster is created under. */
  readonly policyId: string;
  /** The pool job clusters draw from. @default none: the cluster takes its own nodes */
  readonly instancePoolId?: string;
  /**
   * The pool a pool cluster's driver comes from (the on-demand one beside a spot pool).
   * @default instancePoolId
   */
  readonly driverInstancePoolId?: string;
  /** Application id of the service principal the job runs as. */
  readonly runAs: string;
  /** The spec's principals, resolved: their job permissions follow their layer access. */
  readonly principals: readonly ResolvedPrincipal[];
  /** The identity Airflow runs the job as (environments[].airflow.principal): CAN_MANAGE_RUN. @default none */
  readonly orchestrator?: ResolvedPrincipal;
  /** Platform tags, on the job and its cluster. */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Where the dbt task (pipeline.dbt) finds its project and runs its SQL.
   * @default none: required only when the plan has a dbt task
   */
  readonly dbt?: { readonly projectDirectory: string; readonly warehouseId: string };
  /** What the tasks need deployed before the job can run them: the runtime's files. @default nothing */
  readonly dependsOn?: ITerraformDependable[];
  /** The workspace assignments of the principals the job and its permissions name (run_as among them). @default nothing */
  readonly assignments?: ITerraformDependable[];
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One job of the environment's pipeline: a multi-task job on a shared job cluster, what starts it, and who may see or run it. */
export class PipelineJob extends Construct {
  readonly job: Job;

  constructor(scope: Construct, id: string, props: PipelineJobProps) {
    super(scope, id);
    const { environment, foundation } = props;
    const provider = foundation.workspaceProvider;
    const { notifications, tasks: policy } = environment;
    // A continuous job takes no task retry policy: its continuous block retries instead (./job-start.ts).
    const retries = props.start.continuous
      ? {}
      : { maxRetries: policy.maxRetries, minRetryIntervalMillis: policy.minRetryIntervalMillis, retryOnTimeout: policy.retryOnTimeout };

    const webhooks = notifications.webhookDestinationIds.map((destination) => ({ id: destination }));
    // Each task alerts on its own failure too. Maintenance and governance run ALL_DONE as the leaf
    // tasks, so a run whose only failure is a held silver batch ends "Succeeded with failures" (the
    // run's result is its leaf tasks', https://docs.databricks.com/aws/en/jobs/run-if); the held batch
    // must still page someone, whatever the job-level on_failure does with that result.
    const common = (taskKey: string, dependsOn: ReadonlyArray<string>, pypiPackages: ReadonlyArray<string> | undefined) => ({
      taskKey,
      dependsOn: dependsOn.length > 0 ? [...dependsOn].sort(byKey).map((key) => ({ taskKey: key })) : undefined,
      jobClusterKey: naming.JOB_CLUSTER_KEY,
      library: pypiPackages?.map((pkg) => ({ pypi: { package: pkg } })),
      ...retries,
      timeoutSeconds: policy.timeoutSeconds,
      emailNotifications: notifications.emails.length > 0 ? { onFailure: [...notifications.emails] } : undefined,
      webhookNotifications: webhooks.length > 0 ? { onFailure: webhooks } : undefined,
      // Once per task, after its last retry: a retry that succeeds pages nobody.
      notificationSettings:
        notifications.emails.length + webhooks.length > 0 ? { alertOnLastAttempt: true, noAlertForSkippedRuns: true } : undefined,
    });
    const notebookTasks: JobTask[] = props.pipeline.tasks.map((task) => ({
      ...common(task.taskKey, task.dependsOn, task.pypiPackages),
      // https://docs.databricks.com/aws/en/jobs/run-if: ALL_DONE runs the task once its dependencies ran, whatever their result.
      runIf: task.runIf,
      notebookTask: { notebookPath: props.notebookPaths[task.taskKey], baseParameters: task.parameters(props.context) },
    }));
    // Sorted by task key: the provider diffs the task list by position.
    const tasks = [...notebookTasks, ...dbtTask(props, common)].sort((a, b) => byKey(a.taskKey, b.taskKey));

    this.job = new Job(this, "job", {
      provider,
      name: props.name,
      tags: { ...props.tags },
      jobCluster: [{ jobClusterKey: naming.JOB_CLUSTER_KEY, newCluster: jobCluster(props) }],
      task: tasks,
      ...props.start,
      // Runs that trigger while one is active wait their turn instead of being skipped or overlapping.
      queue: { enabled: true },
      maxConcurrentRuns: 1,
      // Job parameters reach every notebook task as widgets; run-now's job_parameters override the
      // empty defaults (https://docs.databricks.com/aws/en/jobs/job-parameters).
      parameter:
        environment.orchestrator === "airflow" ? AIRFLOW_JOB_PARAMETERS.map((name) => ({ name, default: "" })) : undefined,
      health: { rules: [{ metric: "RUN_DURATION_SECONDS", op: "GREATER_THAN", value: notifications.durationWarningSeconds }] },
      emailNotifications:
        notifications.emails.length > 0
          ? { onFailure: [...notifications.emails], onDurationWarningThresholdExceeded: [...notifications.emails] }
          : undefined,
      webhookNotifications:
        webhooks.length > 0 ? { onFailure: webhooks, onDurationWarningThresholdExceeded: webhooks } : undefined,
      runAs: { servicePrincipalName: props.runAs },
      dependsOn: [...(props.dependsOn ?? []), ...(props.assignments ?? [])],
    });

    // No IS_OWNER entry: the deploying identity stays owner (the provider keeps the current owner),
    // so Terraform can keep managing the job; run_as alone decides the identity runs use.
    // Airflow's identity triggers and cancels runs (CAN_MANAGE_RUN, https://docs.databricks.com/aws/en/jobs/privileges)
    // and nothing more: it holds no data access, the runs still execute as run_as.
    const orchestrator = props.orchestrator;
    new Permissions(this, "job_permissions", {
      provider,
      jobId: this.job.id,
      accessControl: props.principals.flatMap((p) => {
        const level = orchestrator?.id === p.id ? "CAN_MANAGE_RUN" : jobPermissionLevel(p);
        return level ? [accessControl(p, level)] : [];
      }),
      dependsOn: props.assignments,
    });
  }
}

/**
 * The dbt task: the dbt CLI runs on the job cluster with dbt-databricks installed, the SQL on the
 * environment's warehouse, in its catalog and gold schema; with a warehouse, Databricks writes the
 * dbt profile itself (https://docs.databricks.com/aws/en/jobs/dbt: catalog and schema apply only with
 * a warehouse_id, and profiles_directory only without one).
 */
function dbtTask(props: PipelineJobProps, common: (key: string, deps: ReadonlyArray<string>, pypi: ReadonlyArray<string>) => JobTask): JobTask[] {
  const task = props.pipeline.dbt;
  if (!task) return [];
  if (!props.dbt) throw new Error(`the plan's ${task.taskKey} task needs a dbt project folder and a warehouse (PipelineJobProps.dbt)`);
  return [
    {
      ...common(task.taskKey, task.dependsOn, task.pypiPackages),
      dbtTask: {
        source: "WORKSPACE",
        projectDirectory: props.dbt.projectDirectory,
        commands: [...task.commands],
        catalog: props.context.catalog,
        schema: task.schema,
        warehouseId: props.dbt.warehouseId,
      },
    },
  ];
}

/** The shared job cluster: created under the policy, sized by the spec, spot settings from the cloud. */
export function jobCluster(
  props: Pick<PipelineJobProps, "environment" | "foundation" | "policyId" | "instancePoolId" | "driverInstancePoolId" | "tags">,
): JobJobClusterNewCluster {
  const { compute } = props.environment;
  const attributes = props.foundation.computeAttributes.jobCluster;
  const common = {
    policyId: props.policyId,
    applyPolicyDefaultValues: true,
    sparkVersion: compute.sparkVersion,
    autoscale: { minWorkers: compute.minWorkers, maxWorkers: compute.maxWorkers },
    dataSecurityMode: dataSecurityMode(compute),
    customTags: { ...props.tags },
  };
  // A pool cluster takes node types and spot settings from the pool.
  return props.instancePoolId
    ? { ...common, instancePoolId: props.instancePoolId, driverInstancePoolId: props.driverInstancePoolId ?? props.instancePoolId }
    : {
        ...common,
        nodeTypeId: compute.nodeType,
        driverNodeTypeId: compute.driverNodeType ?? compute.nodeType,
        awsAttributes: attributes.awsAttributes as JobJobClusterNewClusterAwsAttributes | undefined,
        azureAttributes: attributes.azureAttributes as JobJobClusterNewClusterAzureAttributes | undefined,
      };
}
