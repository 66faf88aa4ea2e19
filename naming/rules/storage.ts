import type { Problem } from "../../platform/problem";
import type { SpecRule } from "../../platform/rules/rule";
import { type Layer, LAYERS, type Platform } from "../../platform/schema";
import { azureLakeAccountName, envRef, s3BucketName } from "../index";

/**
 * Storage names are global: no two environments derive the same lake account, and no derived lake
 * account or bucket is also a state backend's, checked against the names the platform derives.
 */
export const storageNameRules: SpecRule = (p: Platform) => {
  const problems: Problem[] = [];
  const owners = new Map<string, string>();
  const claim = (name: string, path: string, what: string) => {
    const owner = owners.get(name);
    if (owner) problems.push({ path, value: name, message: `${what} names are global: ${owner} already uses "${name}"; choose another` });
    else owners.set(name, path);
  };
  p.environments.forEach((env, i) => {
    const at = `environments[${i}]`;
    if (env.cloud === "azure") {
      const given = env.azure.storageAccountName;
      claim(azureLakeAccountName(envRef(p, env), given), given === undefined ? `${at}.name` : `${at}.azure.storageAccountName`, "storage account");
    } else {
      const purposes: ReadonlyArray<Layer | "logs" | "root" | "audit"> = [...LAYERS, "logs", "root", "audit"];
      purposes.forEach((purpose) => owners.set(s3BucketName(envRef(p, env), purpose, env.aws.accountId), `${at} (its ${purpose} bucket)`));
    }
  });
  // State backends are shared by environments, so only a clash with a derived lake name counts.
  p.environments.forEach((env, i) => {
    const state = env.cloud === "aws" ? env.aws.state.bucket : env.azure.state.storageAccountName;
    const path = env.cloud === "aws" ? `environments[${i}].aws.state.bucket` : `environments[${i}].azure.state.storageAccountName`;
    const owner = owners.get(state);
    if (owner) problems.push({ path, value: state, message: `the state backend must not share its name with lake storage: ${owner} derives "${state}"` });
  });
  return problems;
};
