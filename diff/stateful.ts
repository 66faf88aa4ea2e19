import { STATEFUL_RESOURCE_TYPES } from "../guardrails/stateful-resources";
import type { Change } from "./change";

/** The parts of a synthesized cdk.tf.json this reads. */
export interface TerraformJson {
  readonly resource?: Record<string, Record<string, unknown>>;
  readonly moved?: readonly { from: string; to: string }[];
}

const statefulAddresses = (stack: TerraformJson | undefined): string[] =>
  Object.entries(stack?.resource ?? {})
    .filter(([type]) => STATEFUL_RESOURCE_TYPES.has(type))
    .flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));

/**
 * Resources holding data or identity that the head's configuration no longer has at the base's
 * address (and no `moved` block takes), per stack: Terraform would destroy them. A replacement
 * forced by an attribute at the same address is not visible here; the plan and its gate show it.
 */
export function statefulDestroys(base: Readonly<Record<string, TerraformJson>>, head: Readonly<Record<string, TerraformJson>>): Change[] {
  return Object.keys(base)
    .sort()
    .flatMap((stack) => {
      const kept = new Set(statefulAddresses(head[stack]));
      const movedFrom = new Set((head[stack]?.moved ?? []).map((m) => m.from));
      return statefulAddresses(base[stack])
        .filter((address) => !kept.has(address) && !movedFrom.has(address))
        .sort()
        .map((address) => ({ scope: stack, line: `destroys ${address} (holds data or identity)`, weakens: true }));
    });
}
