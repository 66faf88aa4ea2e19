import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App } from "cdktf";
import { applyGuardrails, lakehousePack } from "../guardrails";
import { planPipeline } from "../jobs";
import type { PipelinePlan } from "../jobs/plan";
import { stackName } from "../naming";
import { OVERVIEW_FILE, renderOverview } from "../overview";
import { type Platform, validatePlatform } from "../platform";
import { LakehouseStack } from "./lakehouse-stack";

/** Writes each task's notebook to `dir`, where TerraformAsset picks it up at synth. */
export function writeNotebooks(plan: PipelinePlan, dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const task of plan.tasks) fs.writeFileSync(path.join(dir, task.fileName), task.source);
}

/** Builds the app: one LakehouseStack per (cloud, environment) of a validated platform. */
export function buildApp(platform: Platform, app: App, notebookDir: string, pipeline = planPipeline(platform)): LakehouseStack[] {
  writeNotebooks(pipeline, notebookDir);
  return platform.environments.map(
    (environment) => new LakehouseStack(app, stackName(environment), { platform, environment, pipeline, notebookDir }),
  );
}

/**
 * spec -> validated model -> stacks -> synth, all or nothing: the spec is validated before any
 * construct exists, and the app synthesizes into a scratch folder that replaces `outdir` only
 * when synth succeeded. A failure leaves no partial output behind. Beside the stacks it writes the
 * platform overview (overview.md), which the pull-request workflow posts.
 */
export function synthPlatform(input: unknown, outdir: string): Platform {
  const platform = validatePlatform(input);
  const parent = path.dirname(path.resolve(outdir));
  fs.mkdirSync(parent, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(parent, ".synth-"));
  const notebookDir = fs.mkdtempSync(path.join(os.tmpdir(), "lakehouse-notebooks-"));
  try {
    const app = new App({ outdir: scratch });
    const pipeline = planPipeline(platform);
    buildApp(platform, app, notebookDir, pipeline);
    // An unsafe resource fails synth here, with its construct path and what to change.
    applyGuardrails(app, lakehousePack({ requiredTags: Object.keys(platform.tags) }));
    app.synth();
    // Inside the scratch folder, so it appears with a complete output or not at all.
    fs.writeFileSync(path.join(scratch, OVERVIEW_FILE), renderOverview(platform, pipeline));
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.renameSync(scratch, outdir);
    return platform;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
    fs.rmSync(notebookDir, { recursive: true, force: true });
  }
}
