import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App } from "cdktf";
import { applyGuardrails, lakehousePack, protectStatefulResources, type RequirementsByStack } from "../guardrails";
import { planPipeline } from "../jobs";
import type { PipelinePlan } from "../jobs/plan";
import { stackName } from "../naming";
import { type Platform, validatePlatform } from "../platform";
import { writeDeployTargets } from "./deploy-targets";
import { LakehouseStack } from "./lakehouse-stack";

/** Writes each task's notebook to `dir`, where TerraformAsset picks it up at synth. */
export function writeNotebooks(plan: PipelinePlan, dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const task of plan.tasks) fs.writeFileSync(path.join(dir, task.fileName), task.source);
}

/** What each stack's spec asks of its workspace, for the guardrails that check CMKs and hardening. */
export function workspaceRequirements(platform: Platform): RequirementsByStack {
  return Object.fromEntries(
    platform.environments.map((environment) => {
      const s = environment.security;
      return [
        stackName(environment),
        {
          customerManagedKeys: environment.cloud === "aws" && environment.aws.customerManagedKeys,
          allowResultsDownload: s.allowResultsDownload,
          allowDbfsFileBrowser: s.allowDbfsFileBrowser,
          allowNotebookExport: s.allowNotebookExport,
          maxTokenLifetimeDays: s.maxTokenLifetimeDays,
          ipAccessLists: s.ipAccessLists.length > 0,
          complianceSecurityProfile: s.complianceSecurityProfile !== undefined,
        },
      ];
    }),
  );
}

/** Builds the app: one LakehouseStack per (cloud, environment) of a validated platform. */
export function buildApp(platform: Platform, app: App, notebookDir: string): LakehouseStack[] {
  const pipeline = planPipeline(platform);
  writeNotebooks(pipeline, notebookDir);
  return platform.environments.map((environment) => {
    const stack = new LakehouseStack(app, stackName(environment), { platform, environment, pipeline, notebookDir });
    protectStatefulResources(stack, environment.deploy.destroyProtection);
    return stack;
  });
}

/**
 * spec -> validated model -> stacks -> synth, all or nothing: the spec is validated before any
 * construct exists, and the app synthesizes into a scratch folder that replaces `outdir` only
 * when synth succeeded. A failure leaves no partial output behind.
 */
export function synthPlatform(input: unknown, outdir: string): Platform {
  const platform = validatePlatform(input);
  const parent = path.dirname(path.resolve(outdir));
  fs.mkdirSync(parent, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(parent, ".synth-"));
  const notebookDir = fs.mkdtempSync(path.join(os.tmpdir(), "lakehouse-notebooks-"));
  try {
    const app = new App({ outdir: scratch });
    buildApp(platform, app, notebookDir);
    // An unsafe resource fails synth here, with its construct path and what to change.
    applyGuardrails(app, lakehousePack({ requiredTags: Object.keys(platform.tags), workspaces: workspaceRequirements(platform) }));
    app.synth();
    writeDeployTargets(platform, scratch);
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.renameSync(scratch, outdir);
    return platform;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
    fs.rmSync(notebookDir, { recursive: true, force: true });
  }
}
