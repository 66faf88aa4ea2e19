import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App } from "cdktf";
import { applyGuardrails, lakehousePack, protectStatefulResources } from "../guardrails";
import { planPipeline } from "../jobs";
import { hasGovernance } from "../jobs/governance";
import { airflowDag } from "../jobs/airflow-dag";
import type { PipelinePlan } from "../jobs/plan";
import { envRef, jobName, stackName } from "../naming";
import { AIRFLOW_DAG_DIR, airflowDagFile } from "../naming/orchestration";
import { DERIVED_NAME_RULES } from "../naming/rules";
import { OVERVIEW_FILE, renderOverview } from "../overview";
import { type EnvironmentSpec, type Platform, validatePlatform } from "../platform";
import { deployedEnvironments, primaryOf, secondaryEnvironment } from "../platform/dr";
import { writeDeployTargets } from "./deploy-targets";
import { AccessError, accessViolations, readSynthesizedStacks } from "./access-check";
import { GuardrailError, guardrailProblems } from "./guardrail-report";
import { LakehouseStack, type LakehouseStackProps } from "./lakehouse-stack";
import { workspaceRequirements } from "./workspace-requirements";

/** Writes each task's notebook to `dir`, where TerraformAsset picks it up at synth. */
export function writeNotebooks(plan: PipelinePlan, dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const task of plan.tasks) fs.writeFileSync(path.join(dir, task.fileName), task.source);
}

/** Writes one Airflow DAG per environment Airflow orchestrates to `<outdir>/airflow/`; none when no environment asks. */
export function writeAirflowDags(platform: Platform, outdir: string): void {
  const environments = platform.environments.filter((e) => e.orchestrator === "airflow");
  if (environments.length === 0) return;
  fs.mkdirSync(path.join(outdir, AIRFLOW_DAG_DIR), { recursive: true });
  for (const environment of environments) {
    const file = path.join(outdir, AIRFLOW_DAG_DIR, airflowDagFile(envRef(platform, environment)));
    fs.writeFileSync(file, airflowDag(platform, environment));
  }
}

/** A primary's secondary, or a secondary's primary (the spec environment it is derived from). */
function drRole(platform: Platform, environment: EnvironmentSpec): LakehouseStackProps["dr"] {
  const secondary = secondaryEnvironment(environment);
  if (secondary) return { secondary };
  const primary = primaryOf(platform.environments, environment);
  return primary && { primary };
}

/** Builds the app: one LakehouseStack per (cloud, environment) of a validated platform, and one per secondary of an environment with dr. */
export function buildApp(platform: Platform, app: App, notebookDir: string, pipeline = planPipeline(platform)): LakehouseStack[] {
  writeNotebooks(pipeline, notebookDir);
  return deployedEnvironments(platform.environments).map((environment) => {
    const stack = new LakehouseStack(app, stackName(environment), { platform, environment, pipeline, notebookDir, dr: drRole(platform, environment) });
    protectStatefulResources(stack, environment.deploy.destroyProtection);
    return stack;
  });
}

/**
 * spec -> validated model -> stacks -> synth, all or nothing: the spec is validated before any
 * construct exists, and the app synthesizes into a scratch folder that replaces `outdir` only
 * when synth succeeded and every stack passes the access check. A failure leaves no partial output behind. Beside the stacks it writes the
 * platform overview (overview.md), which the pull-request workflow posts, and the Airflow DAGs.
 */
export function synthPlatform(input: unknown, outdir: string): Platform {
  const platform = validatePlatform(input, DERIVED_NAME_RULES);
  const parent = path.dirname(path.resolve(outdir));
  fs.mkdirSync(parent, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(parent, ".synth-"));
  const notebookDir = fs.mkdtempSync(path.join(os.tmpdir(), "lakehouse-notebooks-"));
  try {
    const app = new App({ outdir: scratch });
    const pipeline = planPipeline(platform);
    buildApp(platform, app, notebookDir, pipeline);
    const airflowJobs = Object.fromEntries(
      platform.environments.filter((e) => e.orchestrator === "airflow").map((e) => [stackName(e), jobName(envRef(platform, e))]),
    );
    const guardrails = applyGuardrails(
      app,
      lakehousePack({ requiredTags: Object.keys(platform.tags), workspaces: workspaceRequirements(platform), airflowJobs, governedTables: hasGovernance(platform) }),
    );
    try {
      app.synth();
    } catch (error) {
      // An unsafe resource fails synth: reported as the spec fields to change, not cdktf's validation dump.
      if (guardrails.findings.length > 0) throw new GuardrailError(guardrailProblems(guardrails.findings, platform));
      throw error;
    }
    // What each task needs, proven granted to the run-as principal, and nothing granted beyond the spec.
    const violations = accessViolations(platform, pipeline, readSynthesizedStacks(platform, scratch));
    if (violations.length > 0) throw new AccessError(violations);
    writeDeployTargets(platform, scratch);
    writeAirflowDags(platform, scratch);
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
