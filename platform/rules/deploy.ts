import { isHostedRunner, isProduction, type Platform } from "../schema";
import type { Problem } from "../problem";
import type { SpecRule } from "./rule";

/** Production keeps its destroy protection; a private workspace deploys from a runner inside its network. */
export const deployRules: SpecRule = (p: Platform) =>
  p.environments.flatMap((env, i): Problem[] => {
    const at = `environments[${i}].deploy`;
    const problems: Problem[] = [];
    if (!env.deploy.destroyProtection && isProduction(env.name)) {
      problems.push({
        path: `${at}.destroyProtection`,
        value: false,
        message: `production environment "${env.name}" must keep destroy protection; only a throwaway non-production environment may set false`,
      });
    }
    if (env.cloud === "azure" && !env.azure.publicNetworkAccess && isHostedRunner(env.deploy.runnerLabel)) {
      problems.push({
        path: `${at}.runnerLabel`,
        value: env.deploy.runnerLabel,
        message: "a workspace without public network access deploys only from inside its VNet: name the label of a self-hosted runner there (e.g. \"lakehouse-prod-vnet\")",
      });
    }
    return problems;
  });
