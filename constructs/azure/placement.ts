import type { AzureEnvironment, Platform } from "../../platform";

/** Where an Azure resource goes and how it is tagged: what every Azure construct here takes. */
export interface AzurePlacement {
  readonly resourceGroupName: string;
  readonly location: string;
  /** Tags for every taggable resource the construct creates. */
  readonly tags: Record<string, string>;
}

/** Just the placement of some props, to spread into a resource's config without the construct's other props. */
export const placed = ({ resourceGroupName, location, tags }: AzurePlacement): AzurePlacement => ({ resourceGroupName, location, tags });

/** The platform's tags plus the environment, so cost reports split by environment. */
export const azureTags = (platform: Pick<Platform, "tags">, environment: Pick<AzureEnvironment, "name">): Record<string, string> => ({
  ...platform.tags,
  environment: environment.name,
});
