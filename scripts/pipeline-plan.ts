/**
 * The example platform's pipeline plan for a local run, as JSON on stdout: each task's key, edges,
 * notebook name and widget values for a lake rooted at argv[2] (catalog spark_catalog, local paths,
 * plain file source). With argv[3], also writes the notebooks there (when there is no synth output).
 * Used by the Python harness, so the local run takes names and paths from the same code as the job.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { retailPlatform } from "../examples/retail";
import { planPipeline } from "../jobs";
import type { PipelineContext } from "../jobs/plan";
import { LAYERS, type Layer, validatePlatform } from "../platform";

const [root, notebookDir] = process.argv.slice(2);
if (!root) throw new Error("usage: tsx scripts/pipeline-plan.ts <lake root> [<notebook dir>]");

const platform = validatePlatform(retailPlatform);
const env = platform.environments.find((e) => e.name === "dev") ?? platform.environments[0];
const local: PipelineContext = {
  catalog: "spark_catalog",
  layerUrls: Object.fromEntries(LAYERS.map((l) => [l, path.join(path.resolve(root), l)])) as Record<Layer, string>,
  onDatabricks: false,
  retentionDays: env.retentionDays,
};
const plan = planPipeline(platform);
if (notebookDir) {
  fs.mkdirSync(notebookDir, { recursive: true });
  for (const task of plan.tasks) fs.writeFileSync(path.join(notebookDir, task.fileName), task.source);
}
const tasks = plan.tasks.map((t) => ({
  taskKey: t.taskKey,
  layer: t.layer,
  dependsOn: t.dependsOn,
  fileName: t.fileName,
  notebookName: t.notebookName,
  parameters: t.parameters(local),
}));
process.stdout.write(`${JSON.stringify({ tasks, datasets: platform.datasets.map((d) => d.name), gold: platform.gold.map((g) => g.name) })}\n`);
