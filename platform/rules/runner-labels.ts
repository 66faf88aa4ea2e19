import { isHostedRunner, type Platform } from "../schema";
import type { Problem } from "../problem";
import type { SpecRule } from "./rule";

/**
 * Pull-request plans run code nobody has reviewed yet, and planning is code execution (an
 * `external` data source). Of the two ways to keep that code out of a private network (no
 * pull-request plan there, or an ephemeral single-use plan runner without a managed identity), this
 * project takes the first: a private environment (a self-hosted deploy or plan label) gets no
 * pull-request plan (`isPullRequestPlanned`); its deploy-time plan, shown before the approval,
 * replaces it, and the platform diff still runs on the pull request. Its self-hosted plan runner
 * then runs only drift (main's code, the read-only identity), and is never a runner any environment
 * applies from, so the plan identity and the deploy identity never share a machine. A private
 * workspace is planned from inside its network, like it is deployed.
 */
export const runnerLabelRules: SpecRule = (p: Platform) => {
  const appliers = new Map<string, string>();
  for (const env of p.environments) {
    if (!isHostedRunner(env.deploy.runnerLabel) && !appliers.has(env.deploy.runnerLabel)) appliers.set(env.deploy.runnerLabel, `${env.cloud}-${env.name}`);
  }
  return p.environments.flatMap((env, i): Problem[] => {
    const at = `environments[${i}].deploy.planRunnerLabel`;
    const label = env.deploy.planRunnerLabel;
    const applier = appliers.get(label);
    if (applier) {
      return [{ path: at, value: label, message: `drift plans (the read-only plan identity) may not run on a runner that applies deployments ("${label}" applies ${applier}): name a separate self-hosted runner, e.g. "${label}-plan"` }];
    }
    if (env.cloud === "azure" && !env.azure.publicNetworkAccess && isHostedRunner(label)) {
      return [{ path: at, value: label, message: "a workspace without public network access is planned only from inside its VNet: name a self-hosted plan runner there, distinct from every deploy.runnerLabel" }];
    }
    return [];
  });
};
