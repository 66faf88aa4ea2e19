import type { Platform } from "../schema";
import type { Problem } from "../problem";
import { STORAGE_ACCOUNT_NAME } from "./azure";
import type { SpecRule } from "./rule";

/** Blob container names: 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit. */
const CONTAINER = /^(?=.{3,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Resource group names: 1-90 letters, digits, _, -, ., ( and ), not ending in a dot. */
const RESOURCE_GROUP = /^[\w\-.()]{0,89}[\w\-()]$/;

/** The Azure state backend's resource group, storage account and container have names Azure accepts. */
export const azureStateRules: SpecRule = (p: Platform) =>
  p.environments.flatMap((env, i): Problem[] => {
    if (env.cloud !== "azure") return [];
    const s = env.azure.state;
    const at = `environments[${i}].azure.state`;
    return [
      ...(RESOURCE_GROUP.test(s.resourceGroupName) ? [] : [{ path: `${at}.resourceGroupName`, value: s.resourceGroupName, message: "a resource group name is 1-90 letters, digits, _, -, ., ( or ), not ending in a dot" }]),
      ...(STORAGE_ACCOUNT_NAME.test(s.storageAccountName) ? [] : [{ path: `${at}.storageAccountName`, value: s.storageAccountName, message: "a storage account name is 3-24 lower-case letters and digits" }]),
      ...(CONTAINER.test(s.containerName) ? [] : [{ path: `${at}.containerName`, value: s.containerName, message: "a container name is 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit" }]),
    ];
  });
