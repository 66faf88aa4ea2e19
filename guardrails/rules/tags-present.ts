import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformResource } from "cdktf";
import type { IConstruct } from "constructs";
import { type Rule, rule } from "../rule";
import { inStack, resolve } from "../terraform";

type Tags = Record<string, unknown>;

/** The AWS provider a resource uses: its own, or the stack's provider without an alias. */
function awsProviderOf(resource: TerraformResource): AwsProvider | undefined {
  if (resource.provider instanceof AwsProvider) return resource.provider;
  return inStack(resource, AwsProvider).find((p) => p.alias === undefined);
}

/** The tags a resource ends up with: the AWS provider's default tags, then its own. */
function effectiveTags(resource: TerraformResource & { readonly tagsInput?: Tags }): Tags {
  const own = (resolve(resource, resource.tagsInput) ?? {}) as Tags;
  if (!resource.terraformResourceType.startsWith("aws_")) return own;
  const defaults = (resolve(resource, awsProviderOf(resource)?.defaultTagsInput) ?? []) as { tags?: Tags }[];
  return Object.assign({}, ...defaults.map((d) => d.tags ?? {}), own);
}

const taggable = (node: IConstruct): node is TerraformResource & { readonly tagsInput?: Tags } =>
  node instanceof TerraformResource && /^(aws|azurerm)_/.test(node.terraformResourceType) && "tagsInput" in node;

/** Costs are attributed by tag: every taggable AWS and Azure resource carries the platform's tag keys. */
export function tagsPresent(requiredKeys: readonly string[]): Rule {
  return rule("LH-TAGS", (node) => {
    if (!taggable(node)) return undefined;
    const tags = effectiveTags(node);
    const missing = requiredKeys.filter((key) => typeof tags[key] !== "string" || tags[key] === "");
    if (missing.length === 0) return [];
    const where = node.terraformResourceType.startsWith("aws_") ? "the AWS provider's defaultTags or the resource's tags" : "the resource's tags";
    return [`add the tag(s) ${missing.join(", ")} to ${where}`];
  });
}
