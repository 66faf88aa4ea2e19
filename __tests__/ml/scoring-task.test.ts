import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TerraformStack, Testing } from "cdktf";
import { environmentNeeds } from "../../access/needs";
import { DatabricksLakehouse } from "../../constructs/databricks/databricks-lakehouse";
import { planPipeline } from "../../jobs";
import { predictionsGovernance, scoringNotebook } from "../../jobs/scoring";
import { validatePlatform } from "../../platform";
import { writeNotebooks } from "../../stacks/app";
import { FakeFoundation } from "../databricks/fake-foundation";
import { awsEnv, exampleInput, platform } from "../fixtures/platform";
import { mlContext } from "./context";

type Task = {
  task_key: string;
  depends_on?: Array<{ task_key: string }>;
  library?: unknown;
  notebook_task: { notebook_path: string; base_parameters: Record<string, string> };
};
type Synthesized = { resource: { databricks_job: Record<string, { task: Task[] }>; databricks_notebook: Record<string, { path: string }> } };

const SP = "11111111-2222-3333-4444-555555555555";

function synth(env: string): Synthesized {
  const plan = planPipeline(platform);
  const notebookDir = fs.mkdtempSync(path.join(os.tmpdir(), "scoring-task-"));
  writeNotebooks(plan, notebookDir);
  const stack = new TerraformStack(Testing.app(), "test");
  new DatabricksLakehouse(stack, "databricks", { platform, environment: awsEnv(env), foundation: new FakeFoundation(stack, "cloud", "aws"), pipeline: plan, notebookDir });
  const tf = JSON.parse(Testing.synth(stack)) as Synthesized;
  fs.rmSync(notebookDir, { recursive: true, force: true });
  return tf;
}
const jobTask = (tf: Synthesized, key: string) =>
  Object.values(tf.resource.databricks_job)
    .flatMap((j) => j.task)
    .find((t) => t.task_key === key);

const ctx = mlContext;

describe("the scoring task in the plan", () => {
  const plan = planPipeline(platform);
  const scoring = plan.tasks.find((t) => t.taskKey === "score_customer_ltv");

  it("scores each model after its training task, a leaf, with the training task's libraries", () => {
    expect(plan.tasks.filter((t) => t.layer === "scoring").map((t) => t.taskKey)).toStrictEqual(["score_customer_ltv"]);
    expect(scoring?.dependsOn).toStrictEqual(["train_customer_ltv"]);
    expect(plan.tasks.filter((t) => t.dependsOn.includes("score_customer_ltv"))).toStrictEqual([]);
    expect(scoring?.fileName).toBe("scoring_customer_ltv.py");
    expect(scoring?.pypiPackages).toStrictEqual(plan.tasks.find((t) => t.taskKey === "train_customer_ltv")?.pypiPackages);
    expect(scoring?.pypiPackages).toStrictEqual(["mlflow==3.17.2", "scikit-learn==1.9.1"]);
  });

  it("passes the catalog, on_databricks and the MLflow URIs (no experiment: it logs no run)", () => {
    expect(scoring?.parameters(ctx({ experiment: "/rtl/dev/rtl-dev-ml", trackingUri: "databricks", registryUri: "databricks-uc" }))).toStrictEqual({
      runtime_path: "/Workspace/rtl/dev/runtime/abc",
      catalog: "rtl_dev",
      on_databricks: "true",
      tracking_uri: "databricks",
      registry_uri: "databricks-uc",
    });
  });

  it("configures the model, its alias, the gold table, its key and features, and the predictions table", () => {
    const config = scoringNotebook(platform.ml?.models[0] ?? fail("no model"), platform);
    expect(config).toContain('"predictions_table": "gold.customer_ltv_predictions"');
    expect(config).toContain('"source_table": "gold.customer_value"');
    expect(config).toContain('"keys": ["customer_id", "country", "segment"]');
    expect(config).toContain("scoring.run(spark, dbutils, CONFIG)");
  });
});

describe("the predictions table's governance", () => {
  it("is the example's gold table's: the row filter on country, a key column it keeps", () => {
    expect(predictionsGovernance(platform.ml?.models[0] ?? fail("no model"), platform)).toStrictEqual({
      masks: {},
      row_filter: { function: "gold.row_filter_customer_value", columns: ["country"] },
    });
  });

  it("keeps the masks of the key columns and drops those of gold columns it does not keep", () => {
    const input = exampleInput();
    const gold = input.gold?.find((g) => g.name === "customer_value") ?? fail("no customer_value");
    Object.assign(gold, {
      groupBy: [...gold.groupBy, "customers.email"],
      measures: [...gold.measures, { name: "any_name", fn: "min", column: "customers.full_name" }],
    });
    const governed = validatePlatform(input);
    expect(predictionsGovernance(governed.ml?.models[0] ?? fail("no model"), governed)).toStrictEqual({
      masks: { email: "gold.pii_email_domain_string" },
      row_filter: { function: "gold.row_filter_customer_value", columns: ["country"] },
    });
  });
});

describe("the scoring task in the job", () => {
  it("runs in dev (ml: true) after training, with MLflow and scikit-learn as libraries and the workspace's URIs", () => {
    const tf = synth("dev");
    expect(jobTask(tf, "score_customer_ltv")).toStrictEqual(
      expect.objectContaining({
        depends_on: [{ task_key: "train_customer_ltv" }],
        library: [{ pypi: { package: "mlflow==3.17.2" } }, { pypi: { package: "scikit-learn==1.9.1" } }],
      }),
    );
    expect(jobTask(tf, "score_customer_ltv")?.notebook_task.base_parameters).toStrictEqual(
      expect.objectContaining({ on_databricks: "true", tracking_uri: "databricks", registry_uri: "databricks-uc" }),
    );
    expect(Object.values(tf.resource.databricks_notebook).map((n) => n.path)).toContain("/rtl/dev/scoring_customer_ltv");
  });

  it("is not deployed where ML is off (the example's staging)", () => {
    const tf = synth("staging");
    expect(jobTask(tf, "score_customer_ltv")).toBeUndefined();
    expect(Object.values(tf.resource.databricks_notebook).map((n) => n.path)).not.toContain("/rtl/staging/scoring_customer_ltv");
  });
});

describe("what the scoring task needs", () => {
  const needs = (env: string) =>
    environmentNeeds(platform, awsEnv(env), planPipeline(platform))
      .filter((n) => n.task === "score_customer_ltv")
      .map((n) => [n.principal, n.privilege, `${n.securable.kind} ${n.securable.name}`]);

  it("reads the gold table, loads the model (EXECUTE), writes the predictions table in gold and creates it with gold's row filter", () => {
    expect(needs("dev")).toStrictEqual([
      [SP, "CAN_READ", "path /rtl/dev/scoring_customer_ltv"],
      [SP, "CAN_READ", "path /rtl/dev/runtime"],
      [SP, "USE_CATALOG", "catalog rtl_dev"],
      [SP, "USE_SCHEMA", "schema rtl_dev.gold"],
      [SP, "SELECT", "table rtl_dev.gold.customer_value"],
      [SP, "USE_SCHEMA", "schema rtl_dev.ml"],
      [SP, "EXECUTE", "registered_model rtl_dev.ml.customer_ltv"],
      [SP, "USE_SCHEMA", "schema rtl_dev.gold"],
      [SP, "CREATE_TABLE", "schema rtl_dev.gold"],
      [SP, "SELECT", "table rtl_dev.gold.customer_ltv_predictions"],
      [SP, "MODIFY", "table rtl_dev.gold.customer_ltv_predictions"],
      [SP, "EXECUTE", "function rtl_dev.gold.row_filter_customer_value"],
    ]);
  });

  it("needs nothing where ML is off", () => {
    expect(needs("staging")).toStrictEqual([]);
  });
});
