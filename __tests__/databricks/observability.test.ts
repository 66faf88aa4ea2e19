import { environmentAlerts } from "../../observability";
import { ALERT_KINDS } from "../../naming/observability";
import { platform as examplePlatform } from "../fixtures/platform";
import { only, resource, synthLakehouse } from "./synth";

type Body = Record<string, unknown>;
const all = (s: ReturnType<typeof synthLakehouse>, type: string) => Object.values(s.tf.resource[type] ?? {}) as Body[];

describe("observability", () => {
  it("runs a serverless pro warehouse sized by the spec that stops when idle, tagged with the environment", () => {
    const s = synthLakehouse({ env: "staging" });
    expect(only(s, "databricks_sql_endpoint")).toStrictEqual({
      provider: "databricks.workspace",
      name: "rtl-staging-sql",
      cluster_size: "2X-Small",
      auto_stop_mins: 10,
      min_num_clusters: 1,
      max_num_clusters: 1,
      warehouse_type: "PRO",
      enable_serverless_compute: true,
      enable_photon: true,
      tags: {
        custom_tags: [
          { key: "costCenter", value: "cc-4711" },
          { key: "owner", value: "data-platform@example.com" },
          { key: "project", value: "retail-lakehouse" },
          { key: "environment", value: "staging" },
        ],
      },
      depends_on: ["databricks_metastore_assignment.databricks_metastore_assignment_F37708A4"],
    });
  });

  it("takes a classic pro warehouse when the spec turns serverless off", () => {
    const s = synthLakehouse({
      tweak: (e) => ({ ...e, observability: { ...e.observability, warehouse: { size: "Small", autoStopMinutes: 15, serverless: false, maxClusters: 2 } } }),
    });
    expect(only(s, "databricks_sql_endpoint")).toMatchObject({ cluster_size: "Small", auto_stop_mins: 15, enable_serverless_compute: false, max_num_clusters: 2 });
  });

  it("deploys each alert's generated SQL as a query on the warehouse, in the monitoring folder", () => {
    const s = synthLakehouse();
    const env = examplePlatform.environments[0];
    const expected = environmentAlerts(examplePlatform, env, "1234567890");
    const queries = all(s, "databricks_query");
    const byName = (a: string[], b: string[]) => (a[0] < b[0] ? -1 : 1);
    expect(queries.map((q) => [q.display_name as string, q.query_text as string]).sort(byName)).toStrictEqual(
      expected.map((a) => [`rtl-dev ${a.kind.replace(/_/g, " ")}`, a.sql]).sort(byName),
    );
    for (const q of queries) {
      expect(q).toMatchObject({
        provider: "databricks.workspace",
        warehouse_id: "${databricks_sql_endpoint.databricks_observability_warehouse_0F3B74FB.id}",
        parent_path: "${databricks_directory.databricks_observability_alerts_folder_E789CEF8.path}",
      });
    }
    expect(resource(s, "databricks_directory", "alerts_folder")).toStrictEqual({ provider: "databricks.workspace", path: "/rtl/dev/monitoring" });
  });

  it("fires each alert when its query's first row has breaches above 0, and tells when it is OK again", () => {
    const alert = resource(synthLakehouse(), "databricks_alert", "freshness");
    expect(alert).toMatchObject({
      provider: "databricks.workspace",
      display_name: "rtl-dev freshness",
      query_id: "${databricks_query.databricks_observability_alerts_freshness_query_742C3E93.id}",
      condition: { op: "GREATER_THAN", operand: { column: { name: "breaches" } }, threshold: { value: { double_value: 0 } }, empty_result_state: "OK" },
      notify_on_ok: true,
    });
  });

  it("evaluates every alert on the alerting schedule and notifies the environment's e-mails and destinations", () => {
    const s = synthLakehouse({ env: "prod" });
    const job = resource(s, "databricks_job", "alerts_job");
    const tasks = job.task as Body[];
    // prod validates with Great Expectations: the expectation warning comes last.
    expect(tasks.map((t) => t.task_key)).toStrictEqual([...ALERT_KINDS, "expectation_warning"].map((k) => `alert_${k}`));
    expect(tasks[0]).toStrictEqual({
      task_key: "alert_quality_warning",
      sql_task: {
        warehouse_id: "${databricks_sql_endpoint.databricks_observability_warehouse_0F3B74FB.id}",
        alert: {
          alert_id: "${databricks_alert.databricks_observability_alerts_quality_warning_0B1F31E8.id}",
          subscriptions: [{ user_name: "data-oncall@example.com" }, { destination_id: "00000000-0000-0000-0000-000000000000" }],
        },
      },
      max_retries: 1,
      min_retry_interval_millis: 60000,
      timeout_seconds: 900,
    });
    expect(job).toMatchObject({
      name: "rtl-prod-monitoring",
      schedule: { quartz_cron_expression: "0 0 * * * ?", timezone_id: "Europe/Amsterdam", pause_status: "UNPAUSED" },
      email_notifications: { on_failure: ["data-oncall@example.com"] },
      webhook_notifications: { on_failure: [{ id: "00000000-0000-0000-0000-000000000000" }] },
      run_as: { service_principal_name: "11111111-2222-3333-4444-555555555555" },
    });
  });

  it("publishes the dashboard generated from the spec on the warehouse", () => {
    const dashboard = only(synthLakehouse(), "databricks_dashboard");
    expect(dashboard).toMatchObject({
      provider: "databricks.workspace",
      display_name: "rtl-dev lakehouse",
      embed_credentials: false,
      parent_path: "${databricks_directory.databricks_observability_alerts_folder_E789CEF8.path}",
    });
    const serialized = JSON.parse(dashboard.serialized_dashboard as string);
    expect(serialized.datasets.map((d: { name: string }) => d.name)).toStrictEqual(["row_counts", "quarantine_by_rule", "job_runs", "cost"]);
    expect(serialized.pages[0].layout.map((w: { widget: { spec: { widgetType: string } } }) => w.widget.spec.widgetType)).toStrictEqual(["table", "bar", "line", "bar"]);
  });

  it("budgets the environment's workspace on the account, per threshold, filtered by the platform's tags", () => {
    const s = synthLakehouse({
      env: "prod",
      tweak: (e) => ({ ...e, observability: { ...e.observability, budgets: { ...e.observability.budgets, databricksMonthlyUsd: 5000, thresholdsPercent: [50, 90, 100] } } }),
    });
    const action = [{ action_type: "EMAIL_NOTIFICATION", target: "data-oncall@example.com" }];
    const alert = (threshold: string) => ({
      time_period: "MONTH",
      trigger_type: "CUMULATIVE_SPENDING_EXCEEDED",
      quantity_type: "LIST_PRICE_DOLLARS_USD",
      quantity_threshold: threshold,
      action_configurations: action,
    });
    expect(only(s, "databricks_budget")).toStrictEqual({
      provider: "databricks.account",
      display_name: "rtl-prod-databricks-monthly",
      alert_configurations: [alert("2500"), alert("4500"), alert("5000")],
      filter: {
        workspace_id: { operator: "IN", values: [1234567890] },
        tags: [
          { key: "costCenter", value: { operator: "IN", values: ["cc-4711"] } },
          { key: "owner", value: { operator: "IN", values: ["data-platform@example.com"] } },
          { key: "project", value: { operator: "IN", values: ["retail-lakehouse"] } },
        ],
      },
    });
  });

  it("sends budget alerts to the budget's own recipients when the spec names them", () => {
    const s = synthLakehouse({
      tweak: (e) => ({ ...e, observability: { ...e.observability, budgets: { ...e.observability.budgets, recipients: ["finops@example.com"] } } }),
    });
    const configs = only(s, "databricks_budget").alert_configurations as Body[];
    expect(configs.map((c) => c.action_configurations)).toStrictEqual([
      [{ action_type: "EMAIL_NOTIFICATION", target: "finops@example.com" }],
      [{ action_type: "EMAIL_NOTIFICATION", target: "finops@example.com" }],
    ]);
  });

  it("enables the access and lakeflow system schemas in the first environment on a metastore, after its assignment", () => {
    const schemas = all(synthLakehouse({ env: "dev" }), "databricks_system_schema");
    expect(schemas).toStrictEqual(
      ["access", "lakeflow"].map((schema) => ({
        provider: "databricks.workspace",
        schema,
        depends_on: ["databricks_metastore_assignment.databricks_metastore_assignment_F37708A4"],
      })),
    );
  });

  it("leaves the system schemas to that environment elsewhere on the same metastore", () => {
    expect(all(synthLakehouse({ env: "prod" }), "databricks_system_schema")).toStrictEqual([]);
  });

  it("enables them in every environment that creates its own metastore", () => {
    const s = synthLakehouse({ env: "prod", tweak: (e) => ({ ...e, metastore: { create: {} } }) });
    expect(all(s, "databricks_system_schema").map((x) => x.schema)).toStrictEqual(["access", "lakeflow"]);
  });
});
