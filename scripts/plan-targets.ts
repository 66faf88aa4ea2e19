/**
 * `tsx scripts/plan-targets.ts [deploy-targets.json]`: from the synthesized deploy targets, the
 * JSON the pull-request and drift workflows plan from:
 *   pullRequest  stacks a pull request plans (GitHub-hosted runners only, platform/schema/deploy.ts)
 *   deployTime   private stacks: no pull-request plan; their deploy-time plan is shown before approval
 *   production   stacks whose plan text stays out of pull-request comments and summaries
 *   driftRunner  per stack, the `runs-on` of its drift plan: a GitHub-hosted label, or a self-hosted
 *                one as {group, labels} (the runner group carries the label's name)
 */
import * as fs from "node:fs";
import { isHostedRunner, isProduction, isPullRequestPlanned } from "../platform/schema/deploy";
import type { DeployTarget } from "../stacks/deploy-targets";

export type RunsOn = string | { readonly group: string; readonly labels: readonly string[] };

/** GitHub-hosted labels as they are; a self-hosted label only inside its runner group. */
export const runsOn = (label: string): RunsOn => (isHostedRunner(label) ? label : { group: label, labels: [label] });

export function planTargets(targets: Record<string, DeployTarget>) {
  const stacks = Object.keys(targets).sort();
  const planned = (stack: string) => isPullRequestPlanned({ runnerLabel: targets[stack].runner, planRunnerLabel: targets[stack].planRunner });
  return {
    pullRequest: stacks.filter(planned),
    deployTime: stacks.filter((s) => !planned(s)),
    production: stacks.filter((s) => isProduction(targets[s].environment)),
    driftRunner: Object.fromEntries(stacks.map((s) => [s, runsOn(targets[s].planRunner)])),
  };
}

if (require.main === module) {
  const file = process.argv[2] ?? "cdktf.out/deploy-targets.json";
  process.stdout.write(`${JSON.stringify(planTargets(JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, DeployTarget>))}\n`);
}
