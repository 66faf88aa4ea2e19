import { Job } from "@cdktf/provider-databricks/lib/job";
import { Notebook } from "@cdktf/provider-databricks/lib/notebook";
import { spotFallback } from "../../guardrails/rules/spot-fallback";
import type { EnvironmentSpec } from "../../platform";
import { resource, synthLakehouse } from "./synth";

const SP = "11111111-2222-3333-4444-555555555555";
const AIRFLOW_SP = "66666666-7777-8888-9999-000000000000";
const TAGS = { costCenter: "cc-4711", owner: "data-platform@example.com", project: "retail-lakehouse" };
const TASK_KEYS = ["bronze_customers", "bronze_orders", "gold_revenue", "silver_customers", "silver_orders"];

type Task = Record<string, unknown> & { task_key: string };
/** The example's dev environments start on a file or run continuously (job-triggers.test.ts): here on their schedule. */
const scheduled = (e: EnvironmentSpec): EnvironmentSpec => ({ ...e, trigger: "schedule", fileArrival: undefined, continuous: undefined });
const tasksOf = (job: Record<string, unknown>) => job.task as Task[];

describe("notebooks", () => {
  // Gold as notebooks: the example's staging builds gold with dbt instead (dbt-task.test.ts).
  const s = synthLakehouse({ env: "staging", tweak: (e) => ({ ...e, gold: { engine: "sql" } }) });

  it("creates the environment's workspace folder", () => {
    expect(resource(s, "databricks_directory", "notebooks_folder")).toStrictEqual({ provider: "databricks.workspace", path: "/rtl/staging" });
  });

  it.each(TASK_KEYS)("uploads %s from its file through an asset, not content_base64", (key) => {
    const notebook = resource(s, "databricks_notebook", key);
    expect(notebook).toStrictEqual({
      provider: "databricks.workspace",
      path: `/rtl/staging/${key}`,
      language: "PYTHON",
      source: expect.stringMatching(new RegExp(`^assets/databricks_notebooks_${key}_file_[0-9A-F]{8}/[0-9A-F]+/${key}\\.py$`)),
      depends_on: ["databricks_directory.databricks_notebooks_folder_E6AA8879"],
    });
    expect(notebook.content_base64).toBeUndefined();
  });

  it("creates one notebook per task", () => {
    expect(Object.keys(s.tf.resource.databricks_notebook)).toHaveLength(TASK_KEYS.length);
    expect(s.json).toHaveResourceWithProperties(Notebook, { path: "/rtl/staging/gold_revenue", language: "PYTHON" });
  });
});

describe("pipeline job", () => {
  it("lists the tasks sorted by key, with sorted lineage edges, notebooks and per-environment widgets", () => {
    const s = synthLakehouse({ cloud: "azure", tweak: scheduled });
    const tasks = tasksOf(resource(s, "databricks_job", "pipeline_job"));
    expect(tasks.map((t) => t.task_key)).toStrictEqual(TASK_KEYS);
    expect(Object.fromEntries(tasks.map((t) => [t.task_key, t.depends_on]))).toStrictEqual({
      bronze_customers: undefined,
      bronze_orders: undefined,
      gold_revenue: [{ task_key: "silver_customers" }, { task_key: "silver_orders" }],
      silver_customers: [{ task_key: "bronze_customers" }],
      silver_orders: [{ task_key: "bronze_orders" }],
    });
    expect(tasks[2].notebook_task).toStrictEqual({
      notebook_path: expect.stringMatching(/^\$\{databricks_notebook\.databricks_notebooks_gold_revenue_[0-9A-F]{8}\.path\}$/),
      base_parameters: {
        catalog: "${databricks_catalog.databricks_catalog_DFE22A26.name}",
        landing: "abfss://landing@lake.dfs.core.windows.net/",
        on_databricks: "true",
        gold_retention_days: "60",
        runtime_path: expect.stringMatching(/^\/Workspace\/rtl\/dev\/runtime\/[0-9a-f]{16}$/),
      },
    });
  });

  it("applies the environment's retry and timeout policy to every task on the shared cluster", () => {
    const s = synthLakehouse({
      tweak: (e) => ({ ...e, tasks: { maxRetries: 5, minRetryIntervalMillis: 30_000, retryOnTimeout: false, timeoutSeconds: 7200 } }),
    });
    for (const task of tasksOf(resource(s, "databricks_job", "pipeline_job"))) {
      expect(task).toMatchObject({
        job_cluster_key: "pipeline",
        max_retries: 5,
        min_retry_interval_millis: 30_000,
        retry_on_timeout: false,
        timeout_seconds: 7200,
      });
    }
  });

  it("runs on a shared job cluster under the policy, sized by the spec, with the cloud's spot attributes (AWS)", () => {
    const s = synthLakehouse({ cloud: "aws", env: "staging" });
    expect(resource(s, "databricks_job", "pipeline_job").job_cluster).toStrictEqual([
      {
        job_cluster_key: "pipeline",
        new_cluster: {
          policy_id: "${databricks_cluster_policy.databricks_compute_policy_D8504AE7.id}",
          apply_policy_default_values: true,
          spark_version: "17.3.x-scala2.13",
          autoscale: { min_workers: 1, max_workers: 4 },
          data_security_mode: "USER_ISOLATION",
          custom_tags: TAGS,
          node_type_id: "m5d.xlarge",
          driver_node_type_id: "m5d.xlarge",
          aws_attributes: { availability: "SPOT_WITH_FALLBACK", first_on_demand: 1, spot_bid_price_percent: 100 },
        },
      },
    ]);
  });

  it("takes azure_attributes on Azure", () => {
    const s = synthLakehouse({ cloud: "azure", env: "dev" });
    const cluster = (resource(s, "databricks_job", "pipeline_job").job_cluster as { new_cluster: Record<string, unknown> }[])[0].new_cluster;
    expect(cluster.azure_attributes).toStrictEqual({ availability: "SPOT_WITH_FALLBACK_AZURE", first_on_demand: 1, spot_bid_max_price: -1 });
    expect(cluster.aws_attributes).toBeUndefined();
    expect(cluster.node_type_id).toBe("Standard_D4ds_v5");
  });

  it("draws workers from the instance pool and the driver from the on-demand pool, leaving node types and spot settings to the pools", () => {
    const s = synthLakehouse({ cloud: "aws", env: "prod" });
    const pool = "${databricks_instance_pool.databricks_compute_pool_68EC2779.instance_pool_id}";
    const driverPool = "${databricks_instance_pool.databricks_compute_driver_pool_9652DC12.instance_pool_id}";
    const cluster = (resource(s, "databricks_job", "pipeline_job").job_cluster as { new_cluster: Record<string, unknown> }[])[0].new_cluster;
    expect(cluster).toStrictEqual({
      policy_id: "${databricks_cluster_policy.databricks_compute_policy_D8504AE7.id}",
      apply_policy_default_values: true,
      spark_version: "17.3.x-scala2.13",
      autoscale: { min_workers: 2, max_workers: 8 },
      data_security_mode: "USER_ISOLATION",
      custom_tags: TAGS,
      instance_pool_id: pool,
      driver_instance_pool_id: driverPool,
    });
    expect(spotFallback(s.lakehouse.node.findAll().find((c) => c instanceof Job)!)).toStrictEqual([]);
  });

  it("takes the driver from the instance pool too when spot is off", () => {
    const s = synthLakehouse({ env: "prod", tweak: (e) => ({ ...e, compute: { ...e.compute, spot: { ...e.compute.spot, enabled: false } } }) });
    const cluster = (resource(s, "databricks_job", "pipeline_job").job_cluster as { new_cluster: Record<string, unknown> }[])[0].new_cluster;
    const pool = "${databricks_instance_pool.databricks_compute_pool_68EC2779.instance_pool_id}";
    expect([cluster.instance_pool_id, cluster.driver_instance_pool_id]).toStrictEqual([pool, pool]);
  });

  it.each([
    ["dev", undefined, "PAUSED"],
    ["dev", false, "UNPAUSED"],
    ["prod", undefined, "UNPAUSED"],
    ["prod", true, "PAUSED"],
  ] as const)("schedules %s (paused: %s) as %s", (env, paused, status) => {
    const s = synthLakehouse({ env, tweak: (e) => ({ ...scheduled(e), schedule: { ...e.schedule, paused } }) });
    expect(resource(s, "databricks_job", "pipeline_job").schedule).toStrictEqual({
      quartz_cron_expression: env === "prod" ? "0 0 2 * * ?" : "0 30 3 * * ?",
      timezone_id: "Europe/Amsterdam",
      pause_status: status,
    });
  });

  it("queues runs one at a time, warns on long runs and notifies by email and webhook, running as the service principal", () => {
    const s = synthLakehouse({ env: "prod" });
    expect(s.json).toHaveResourceWithProperties(Job, {
      provider: "databricks.workspace",
      name: "rtl-prod-pipeline",
      tags: TAGS,
      queue: { enabled: true },
      max_concurrent_runs: 1,
      health: { rules: [{ metric: "RUN_DURATION_SECONDS", op: "GREATER_THAN", value: 5400 }] },
      email_notifications: { on_failure: ["data-oncall@example.com"], on_duration_warning_threshold_exceeded: ["data-oncall@example.com"] },
      webhook_notifications: { on_failure: [{ id: "00000000-0000-0000-0000-000000000000" }], on_duration_warning_threshold_exceeded: [{ id: "00000000-0000-0000-0000-000000000000" }] },
      run_as: { service_principal_name: SP },
    });
  });

  it("has every task alert on its own failure after its last retry: a held silver batch pages even when the ALL_DONE leaf tasks succeed", () => {
    const s = synthLakehouse({ env: "prod" });
    const tasks = tasksOf(resource(s, "databricks_job", "pipeline_job"));
    for (const task of tasks) {
      expect([task.task_key, task.email_notifications, task.webhook_notifications, task.notification_settings]).toStrictEqual([
        task.task_key,
        { on_failure: ["data-oncall@example.com"] },
        { on_failure: [{ id: "00000000-0000-0000-0000-000000000000" }] },
        { alert_on_last_attempt: true, no_alert_for_skipped_runs: true },
      ]);
    }
    expect(tasks.map((t) => t.task_key)).toContain("silver_customers");
  });

  it("sends no webhook notifications when the environment has no destinations", () => {
    const s = synthLakehouse({ env: "dev" });
    const job = resource(s, "databricks_job", "pipeline_job");
    expect(job.webhook_notifications).toBeUndefined();
    expect(job.email_notifications).toStrictEqual({ on_failure: ["data-platform@example.com"], on_duration_warning_threshold_exceeded: ["data-platform@example.com"] });
  });

  it("grants job permissions from layer access and leaves ownership with the deployer", () => {
    const s = synthLakehouse();
    const { depends_on: dependsOn, ...permissions } = resource(s, "databricks_permissions", "job_permissions");
    // Permissions on principals the workspace does not know yet would fail the first apply.
    expect([...(dependsOn as string[])].sort()).toStrictEqual(
      Object.keys(s.tf.resource.databricks_mws_permission_assignment).map((id) => `databricks_mws_permission_assignment.${id}`).sort(),
    );
    expect(permissions).toStrictEqual({
      provider: "databricks.workspace",
      job_id: "${databricks_job.databricks_pipeline_job_234E2ACA.id}",
      access_control: [
        { service_principal_name: SP, permission_level: "CAN_MANAGE_RUN" },
        { group_name: "analysts", permission_level: "CAN_VIEW" },
        { group_name: "customer-care", permission_level: "CAN_VIEW" },
        { group_name: "data-engineers", permission_level: "CAN_MANAGE_RUN" },
        { group_name: "platform-admins", permission_level: "CAN_MANAGE" },
        { group_name: "sales-benelux", permission_level: "CAN_VIEW" },
      ],
    });
  });

  it("gives Airflow's identity CAN_MANAGE_RUN on the job it triggers, and the job waits for the assignments", () => {
    const s = synthLakehouse({ env: "staging", tweak: (e) => ({ ...e, orchestrator: "airflow", airflow: { ...e.airflow, principal: "rtl-airflow" } }) });
    const permissions = resource(s, "databricks_permissions", "job_permissions").access_control as { service_principal_name?: string; permission_level: string }[];
    expect(permissions.filter((p) => p.service_principal_name === AIRFLOW_SP)).toStrictEqual([{ service_principal_name: AIRFLOW_SP, permission_level: "CAN_MANAGE_RUN" }]);
    expect(resource(s, "databricks_job", "pipeline_job").depends_on).toStrictEqual(
      expect.arrayContaining(Object.keys(s.tf.resource.databricks_mws_permission_assignment).map((id) => `databricks_mws_permission_assignment.${id}`)),
    );
  });

  it("gives Airflow's identity nothing on the job where Databricks schedules it", () => {
    const permissions = resource(synthLakehouse({ env: "dev" }), "databricks_permissions", "job_permissions").access_control as { service_principal_name?: string }[];
    expect(permissions.filter((p) => p.service_principal_name === AIRFLOW_SP)).toStrictEqual([]);
  });
});
