import { Aspects, type IAspect, TerraformResource, type TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import { STATEFUL_RESOURCE_TYPES } from "./stateful-resources";

/**
 * Sets `lifecycle.prevent_destroy` on every resource whose type holds data or identity, so a plan
 * that would destroy or replace one (a construct rename, a forced-new attribute) fails instead of
 * being applied. It decides by resource type alone, from STATEFUL_RESOURCE_TYPES.
 */
export class DestroyProtectionAspect implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource) || !STATEFUL_RESOURCE_TYPES.has(node.terraformResourceType)) return;
    node.lifecycle = { ...node.lifecycle, preventDestroy: true };
  }
}

/** Protects the stack's stateful resources unless the environment opted out (never production). */
export function protectStatefulResources(stack: TerraformStack, enabled: boolean): void {
  if (enabled) Aspects.of(stack).add(new DestroyProtectionAspect());
}
