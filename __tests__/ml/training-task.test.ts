import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TerraformStack, Testing } from "cdktf";
import { DatabricksLakehouse } from "../../constructs/databricks/databricks-lakehouse";
import { planPipeline } from "../../jobs";
import { MLFLOW_VERSION, SCIKIT_LEARN_VERSION } from "../../jobs/training";
import { writeNotebooks } from "../../stacks/app";
import { FakeFoundation } from "../databricks/fake-foundation";
import { awsEnv, azureEnv, platform } from "../fixtures/platform";
import { mlContext } from "./context";

type Task = {
  task_key: string;
  depends_on?: Array<{ task_key: string }>;
  library?: unknown;
  notebook_task: { notebook_path: string; base_parameters: Record<string, string> };
};
type Synthesized = {
  resource: {
    databricks_job: Record<string, { task: Task[]; depends_on?: string[] }>;
    databricks_notebook: Record<string, { path: string }>;
    databricks_mlflow_experiment?: Record<string, unknown>;
    databricks_registered_model?: Record<string, unknown>;
  };
};

/** The example's Databricks half in one environment, with its real plan and notebooks. */
function synth(env: string, cloud: "aws" | "azure" = "aws"): Synthesized {
  const plan = planPipeline(platform);
  const notebookDir = fs.mkdtempSync(path.join(os.tmpdir(), "training-task-"));
  writeNotebooks(plan, notebookDir);
  const stack = new TerraformStack(Testing.app(), "test");
  const environment = cloud === "aws" ? awsEnv(env) : azureEnv(env);
  new DatabricksLakehouse(stack, "databricks", { platform, environment, foundation: new FakeFoundation(stack, "cloud", cloud), pipeline: plan, notebookDir });
  const tf = JSON.parse(Testing.synth(stack)) as Synthesized;
  fs.rmSync(notebookDir, { recursive: true, force: true });
  return tf;
}
const pipelineJob = (tf: Synthesized) => Object.values(tf.resource.databricks_job).find((j) => j.task.some((t) => t.task_key === "maintenance"));
const task = (tf: Synthesized, key: string) => pipelineJob(tf)?.task.find((t) => t.task_key === key);
const onlyId = (resources: Record<string, unknown> | undefined): string => {
  const ids = Object.keys(resources ?? {});
  if (ids.length !== 1) throw new Error(`expected one resource, found ${ids.length}`);
  return ids[0];
};

const ctx = mlContext;

describe("the training task in the plan", () => {
  const plan = planPipeline(platform);
  const training = plan.tasks.find((t) => t.taskKey === "train_customer_ltv");

  it("trains each model after the gold task of its table, with MLflow and scikit-learn pinned as task libraries", () => {
    expect(plan.tasks.filter((t) => t.layer === "training").map((t) => t.taskKey)).toStrictEqual(["train_customer_ltv"]);
    expect(training?.dependsOn).toStrictEqual(["gold_customer_value"]);
    expect(training?.fileName).toBe("training_customer_ltv.py");
    expect(training?.pypiPackages).toStrictEqual(["mlflow==3.17.2", "scikit-learn==1.9.1"]);
  });

  it("pins the versions requirements-ml.txt tests the training module with", () => {
    const pins = Object.fromEntries(
      fs
        .readFileSync(path.join(__dirname, "..", "..", "requirements-ml.txt"), "utf8")
        .split("\n")
        .filter((l) => l.includes("=="))
        .map((l) => l.split("==")),
    );
    expect({ mlflow: MLFLOW_VERSION, "scikit-learn": SCIKIT_LEARN_VERSION }).toStrictEqual({ mlflow: pins.mlflow, "scikit-learn": pins["scikit-learn"] });
  });

  it("passes the experiment and the MLflow URIs of the environment, and empty ones where it trains nothing", () => {
    const tracking = { experiment: "/rtl/dev/rtl-dev-ml", trackingUri: "databricks", registryUri: "databricks-uc" };
    expect(training?.parameters(ctx(tracking))).toStrictEqual({
      runtime_path: "/Workspace/rtl/dev/runtime/abc",
      catalog: "rtl_dev",
      experiment: "/rtl/dev/rtl-dev-ml",
      tracking_uri: "databricks",
      registry_uri: "databricks-uc",
    });
    expect(training?.parameters(ctx())).toStrictEqual({
      runtime_path: "/Workspace/rtl/dev/runtime/abc",
      catalog: "rtl_dev",
      experiment: "",
      tracking_uri: "",
      registry_uri: "",
    });
  });

  it("has only its scoring task waiting for it, so environments without ML drop both without breaking an edge", () => {
    expect(plan.tasks.filter((t) => t.dependsOn.includes("train_customer_ltv")).map((t) => t.taskKey)).toStrictEqual(["score_customer_ltv"]);
  });

  it("trains nothing in a platform without models", () => {
    const environments = platform.environments.map((e) => ({ ...e, ml: false }));
    expect(planPipeline({ ...platform, ml: undefined, environments }).tasks.filter((t) => t.layer === "training")).toStrictEqual([]);
  });
});

describe("the training task in the job", () => {
  it.each(["aws", "azure"] as const)("runs in %s dev (ml: true) with the experiment the stack creates, Unity Catalog as registry", (cloud) => {
    const tf = synth("dev", cloud);
    const experiment = onlyId(tf.resource.databricks_mlflow_experiment);
    const gold = task(tf, "gold_customer_value");
    expect(task(tf, "train_customer_ltv")).toStrictEqual(
      expect.objectContaining({
        depends_on: [{ task_key: "gold_customer_value" }],
        library: [{ pypi: { package: "mlflow==3.17.2" } }, { pypi: { package: "scikit-learn==1.9.1" } }],
      }),
    );
    expect(task(tf, "train_customer_ltv")?.notebook_task.base_parameters).toStrictEqual({
      runtime_path: gold?.notebook_task.base_parameters.runtime_path,
      catalog: gold?.notebook_task.base_parameters.catalog,
      experiment: `\${databricks_mlflow_experiment.${experiment}.name}`,
      tracking_uri: "databricks",
      registry_uri: "databricks-uc",
    });
    expect(Object.values(tf.resource.databricks_notebook).map((n) => n.path)).toContain("/rtl/dev/training_customer_ltv");
    // A version is registered into the model Terraform created, owned by the job's principal.
    expect(pipelineJob(tf)?.depends_on).toContain(`databricks_registered_model.${onlyId(tf.resource.databricks_registered_model)}`);
  });

  it("is not deployed where ML is off (the example's staging), nor its notebook", () => {
    const tf = synth("staging");
    expect(pipelineJob(tf)?.task.map((t) => t.task_key).filter((k) => k.startsWith("train_"))).toStrictEqual([]);
    expect(Object.values(tf.resource.databricks_notebook).map((n) => n.path)).not.toContain("/rtl/staging/training_customer_ltv");
  });
});
