import type { AzureEnvironment, Platform } from "../../spec";

/** Tags on every taggable Azure resource: the platform's tags plus the environment, for cost reports per environment. */
export const azureTags = (platform: Pick<Platform, "tags">, environment: Pick<AzureEnvironment, "name">): Record<string, string> => ({
  ...platform.tags,
  environment: environment.name,
});
