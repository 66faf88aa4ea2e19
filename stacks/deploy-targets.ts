import * as fs from "node:fs";
import * as path from "node:path";
import { stackName } from "../naming";
import type { Platform } from "../platform";

export const DEPLOY_TARGETS_FILE = "deploy-targets.json";

/** What CI needs to know to plan and deploy one stack, taken from the spec. */
export interface DeployTarget {
  readonly cloud: "aws" | "azure";
  readonly environment: string;
  /** The runner label the stack's jobs run on (spec: environments[].deploy.runnerLabel). */
  readonly runner: string;
  /** The runner label drift plans run on, and pull-request plans when both labels are GitHub-hosted (spec: environments[].deploy.planRunnerLabel). */
  readonly planRunner: string;
  /** Whether stateful resources carry prevent_destroy and the deploy gate guards them. */
  readonly destroyProtection: boolean;
}

export function deployTargets(platform: Platform): Record<string, DeployTarget> {
  return Object.fromEntries(
    platform.environments.map((env) => [
      stackName(env),
      { cloud: env.cloud, environment: env.name, runner: env.deploy.runnerLabel, planRunner: env.deploy.planRunnerLabel, destroyProtection: env.deploy.destroyProtection },
    ]),
  );
}

/** Written next to the stacks at every synth; the workflows read runners and the gate's setting from it. */
export function writeDeployTargets(platform: Platform, outdir: string): void {
  fs.writeFileSync(path.join(outdir, DEPLOY_TARGETS_FILE), `${JSON.stringify(deployTargets(platform), null, 2)}\n`);
}
