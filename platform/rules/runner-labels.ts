import { isHostedRunner, type Platform } from "../schema";
import type { Problem } from "../problem";
import type { SpecRule } from "./rule";

/**
 * Pull-request and drift plans run code nobody has reviewed yet, so they never run on a
 * self-hosted runner any environment applies from: what they left behind there would run in the
 * next apply, with the deploy identity. (GitHub-hosted runners are a fresh VM per job.) A private
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
      return [{ path: at, value: label, message: `pull-request and drift plans may not run on a runner that applies deployments ("${label}" applies ${applier}): name a separate self-hosted runner, e.g. "${label}-plan"` }];
    }
    if (env.cloud === "azure" && !env.azure.publicNetworkAccess && isHostedRunner(label)) {
      return [{ path: at, value: label, message: "a workspace without public network access is planned only from inside its VNet: name a self-hosted plan runner there, distinct from every deploy.runnerLabel" }];
    }
    return [];
  });
};
