import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TerraformStack, Testing } from "cdktf";
import { DatabricksLakehouse } from "../../constructs/databricks/databricks-lakehouse";
import { suitesHash } from "../../constructs/databricks/expectation-suites";
import { planPipeline } from "../../jobs";
import { suiteFiles } from "../../jobs/expectations";
import { writeNotebooks } from "../../stacks/app";
import { awsEnv, platform } from "../fixtures/platform";
import { FakeFoundation } from "./fake-foundation";

type Task = { task_key: string; library?: unknown; notebook_task: { base_parameters: Record<string, string> } };

type Synthesized = { resource: { databricks_job: Record<string, { task: Task[] }>; databricks_notebook: Record<string, { path: string }> } };

/** The example's Databricks half in one environment, with its real plan (the GX task in it) and notebooks. */
function synth(env: string): Synthesized {
  const plan = planPipeline(platform);
  const notebookDir = fs.mkdtempSync(path.join(os.tmpdir(), "gx-task-"));
  writeNotebooks(plan, notebookDir);
  const stack = new TerraformStack(Testing.app(), "test");
  new DatabricksLakehouse(stack, "databricks", { platform, environment: awsEnv(env), foundation: new FakeFoundation(stack, "cloud", "aws"), pipeline: plan, notebookDir });
  const tf = JSON.parse(Testing.synth(stack)) as Synthesized;
  fs.rmSync(notebookDir, { recursive: true, force: true });
  return tf;
}
const jobTasks = (tf: Synthesized): Task[] => Object.values(tf.resource.databricks_job).flatMap((j) => j.task);
const notebookPaths = (tf: Synthesized): string[] => Object.values(tf.resource.databricks_notebook).map((n) => n.path);

describe("the Great Expectations validation task", () => {
  it("runs in the environments that ask for it, with GX as its task library and the deployed suites' folder", () => {
    const staging = synth("staging");
    const task = jobTasks(staging).find((t) => t.task_key === "validate_expectations");
    expect(task?.library).toStrictEqual([{ pypi: { package: "great-expectations==1.24.1" } }]);
    expect(notebookPaths(staging)).toContain("/rtl/staging/validation_expectations");
    expect(task?.notebook_task.base_parameters.expectations_path).toBe(`/Workspace/rtl/staging/expectations/${suitesHash(suiteFiles(platform))}`);
  });

  it("is not deployed in an environment that does not validate (the example's dev), where only the training and scoring tasks install libraries", () => {
    const tf = synth("dev");
    const dev = jobTasks(tf);
    expect(dev.map((t) => t.task_key)).not.toContain("validate_expectations");
    expect(notebookPaths(tf)).not.toContain("/rtl/dev/validation_expectations");
    expect(dev.filter((t) => t.library !== undefined).map((t) => t.task_key)).toStrictEqual(["score_customer_ltv", "train_customer_ltv"]);
  });
});
