/**
 * A platform's pipeline plan for a local run, as JSON on stdout: each task's key, edges, notebook
 * name and parameter values for a lake rooted at argv[2] (catalog spark_catalog, local paths, plain
 * file source, the runtime from runtime/src, MLflow in <lake root>/mlflow.db). The platform is the built-in example, or the module
 * LAKEHOUSE_SPEC names (exporting `platform`, as for synth). With argv[3], also writes the
 * notebooks there (when there is no synth output). Used by the Python harness, so a local run takes
 * names, paths and parameters from the same code as the job.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { retailPlatform } from "../examples/retail";
import { planPipeline } from "../jobs";
import { dbtProject } from "../jobs/dbt-project";
import { expectationSuite } from "../jobs/expectations";
import type { PipelineContext } from "../jobs/plan";
import { envRef } from "../naming";
import { mlExperimentName } from "../naming/ml";
import { LAYERS, type Layer, validatePlatform } from "../platform";

const [root, notebookDir] = process.argv.slice(2);
if (!root) throw new Error("usage: tsx scripts/pipeline-plan.ts <lake root> [<notebook dir>]");

function spec(): unknown {
  const file = process.env.LAKEHOUSE_SPEC;
  if (!file) return retailPlatform;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.resolve(file)) as { platform?: unknown };
  if (mod.platform === undefined) throw new Error(`LAKEHOUSE_SPEC=${file} must export "platform"`);
  return mod.platform;
}

const platform = validatePlatform(spec());
const env = platform.environments.find((e) => e.name === "dev") ?? platform.environments[0];
const localStore = `sqlite:///${path.join(path.resolve(root), "mlflow.db")}`;
const local: PipelineContext = {
  catalog: "spark_catalog",
  layerUrls: Object.fromEntries(LAYERS.map((l) => [l, path.join(path.resolve(root), l)])) as Record<Layer, string>,
  onDatabricks: false,
  retentionDays: env.retentionDays,
  runtimePath: path.join(__dirname, "..", "runtime", "src"),
  expectationsPath: path.join(path.resolve(root), "expectations"),
  // The GX project (stored results, Data Docs) in a local folder where Databricks has the volume.
  dataQualityPath: path.join(path.resolve(root), "data_quality"),
  // A local MLflow tracking and registry store: the URIs are all that differ from Databricks.
  ml: { experiment: mlExperimentName(envRef(platform, env)), trackingUri: localStore, registryUri: localStore },
};
const plan = planPipeline(platform);
if (notebookDir) {
  fs.mkdirSync(notebookDir, { recursive: true });
  for (const task of plan.tasks) fs.writeFileSync(path.join(notebookDir, task.fileName), task.source);
}
// The GX validation task needs great_expectations, which only .venv-gx has, and a training or scoring
// task MLflow and scikit-learn, which only .venv-ml has: the local run leaves them out, with gold's edge
// to the validation task, as a job without validation has it, and their own suites (__tests__/gx,
// __tests__/ml, runtime/tests_ml) run them.
const leftOut = (t: (typeof plan.tasks)[number]) => t.layer === "validation" || t.layer === "training" || t.layer === "scoring";
const leftOutKeys = new Set(plan.tasks.filter(leftOut).map((t) => t.taskKey));
const describe = (t: (typeof plan.tasks)[number]) => ({
  taskKey: t.taskKey,
  layer: t.layer,
  dependsOn: t.dependsOn.filter((k) => !leftOutKeys.has(k)),
  fileName: t.fileName,
  notebookName: t.notebookName,
  parameters: t.parameters(local),
});
const tasks = plan.tasks.filter((t) => !leftOut(t)).map(describe);
const validationTasks = plan.tasks.filter((t) => t.layer === "validation").map(describe);
const trainingTasks = plan.tasks.filter((t) => t.layer === "training").map(describe);
const scoringTasks = plan.tasks.filter((t) => t.layer === "scoring").map(describe);
const datasets = platform.datasets.map((d) => ({ name: d.name, primaryKey: d.primaryKey, orderingColumn: d.orderingColumn, folder: d.source.folder ?? d.name }));
const expectationSuites = Object.fromEntries(platform.datasets.map((d) => [d.name, expectationSuite(d)]));
// The gold dbt project's files by path, for the dbt suite (__tests__/dbt) to run over the local silver.
const dbt = Object.fromEntries(dbtProject(platform).map((f) => [f.path, f.content]));
process.stdout.write(`${JSON.stringify({ tasks, datasets, gold: platform.gold.map((g) => g.name), expectationSuites, validationTasks, trainingTasks, scoringTasks, dbtProject: dbt })}\n`);
