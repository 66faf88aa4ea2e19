import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TerraformStack, Testing } from "cdktf";
import { DatabricksLakehouse } from "../../constructs/databricks/databricks-lakehouse";
import { dbtProjectHash } from "../../constructs/databricks/dbt-project";
import { planPipeline } from "../../jobs";
import { dbtProject } from "../../jobs/dbt-project";
import { writeNotebooks } from "../../stacks/app";
import { awsEnv, platform } from "../fixtures/platform";
import { FakeFoundation } from "./fake-foundation";

type Task = {
  task_key: string;
  depends_on?: { task_key: string }[];
  library?: unknown;
  dbt_task?: Record<string, unknown>;
  notebook_task?: unknown;
  job_cluster_key?: string;
};
type Synthesized = {
  resource: {
    databricks_job: Record<string, { task: Task[] }>;
    databricks_notebook: Record<string, { path: string }>;
    databricks_workspace_file?: Record<string, { path: string }>;
    databricks_sql_endpoint: Record<string, unknown>;
  };
};

/** The example's Databricks half in one environment (staging builds gold with dbt, dev with SQL). */
function synth(env: string): Synthesized {
  const plan = planPipeline(platform);
  const notebookDir = fs.mkdtempSync(path.join(os.tmpdir(), "dbt-task-"));
  writeNotebooks(plan, notebookDir);
  const stack = new TerraformStack(Testing.app(), "test");
  new DatabricksLakehouse(stack, "databricks", { platform, environment: awsEnv(env), foundation: new FakeFoundation(stack, "cloud", "aws"), pipeline: plan, notebookDir });
  const tf = JSON.parse(Testing.synth(stack)) as Synthesized;
  fs.rmSync(notebookDir, { recursive: true, force: true });
  return tf;
}
const jobTasks = (tf: Synthesized): Task[] => Object.values(tf.resource.databricks_job).flatMap((j) => j.task);
const edges = (t: Task | undefined) => (t?.depends_on ?? []).map((d) => d.task_key);
const dbtFolder = `/rtl/staging/dbt/${dbtProjectHash(dbtProject(platform))}`;

describe("gold built by dbt (environments[].gold.engine)", () => {
  const staging = synth("staging");
  const tasks = jobTasks(staging);
  const byKey = new Map(tasks.map((t) => [t.task_key, t]));

  it("runs the deployed project with a dbt_task on the warehouse, in the catalog's gold schema, with dbt-databricks pinned", () => {
    const dbt = byKey.get("dbt_gold");
    expect(dbt?.dbt_task).toStrictEqual({
      source: "WORKSPACE",
      project_directory: dbtFolder,
      commands: ["dbt source freshness", "dbt build", "dbt docs generate"],
      catalog: expect.any(String),
      schema: "gold",
      warehouse_id: expect.stringMatching(/databricks_sql_endpoint\..*\.id/),
    });
    expect(dbt?.library).toStrictEqual([{ pypi: { package: "dbt-databricks==1.12.7" } }]);
    expect(dbt?.job_cluster_key).toBe("pipeline");
  });

  it("replaces the gold notebooks and keeps the DAG's edges: after the silver tasks gold reads, before governance and maintenance", () => {
    expect(tasks.filter((t) => t.task_key.startsWith("gold_"))).toStrictEqual([]);
    expect(Object.values(staging.resource.databricks_notebook).map((n) => n.path).filter((p) => p.includes("/gold_"))).toStrictEqual([]);
    // A governed gold table's task waited for the governance functions, and every gold task for the GX validation (staging validates); the dbt task that replaces them does too.
    expect(edges(byKey.get("dbt_gold"))).toStrictEqual(["governance_setup", "silver_customers", "silver_orders", "silver_payments", "silver_products", "validate_expectations"]);
    expect(edges(byKey.get("governance"))).toContain("dbt_gold");
    expect(edges(byKey.get("maintenance"))).toContain("dbt_gold");
    expect(tasks.flatMap(edges).filter((k) => k.startsWith("gold_"))).toStrictEqual([]);
  });

  it("deploys every project file under the content-hashed folder", () => {
    const paths = Object.values(staging.resource.databricks_workspace_file ?? {}).map((f) => f.path).filter((p) => p.startsWith(dbtFolder));
    expect(paths.sort()).toStrictEqual(dbtProject(platform).map((f) => `${dbtFolder}/${f.path}`).sort());
  });

  it("leaves an environment on the SQL engine (dev) with its gold notebooks and no dbt task or project", () => {
    const dev = synth("dev");
    const keys = jobTasks(dev).map((t) => t.task_key);
    expect(keys).toEqual(expect.arrayContaining(["gold_customer_value", "gold_daily_sales", "gold_payment_mix"]));
    expect(keys).not.toContain("dbt_gold");
    expect(Object.values(dev.resource.databricks_workspace_file ?? {}).filter((f) => f.path.includes("/dbt/"))).toStrictEqual([]);
  });
});
