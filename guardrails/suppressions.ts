import type { IConstruct } from "constructs";

/** Node metadata type under which suppressions are recorded on the construct. */
export const SUPPRESSION_METADATA = "lakehouse:guardrails:suppress";

export interface Suppression {
  readonly ruleId: string;
  readonly reason: string;
}

/**
 * Exempts `construct` and everything under it from one rule. The reason is mandatory: it is what a
 * reviewer reads in the synth summary, so an empty one is an error.
 */
export function suppress(construct: IConstruct, ruleId: string, reason: string): void {
  if (reason.trim() === "") throw new Error(`Suppression of ${ruleId} on ${construct.node.path} needs a written reason`);
  construct.node.addMetadata(SUPPRESSION_METADATA, { ruleId, reason: reason.trim() } satisfies Suppression);
}

/** The suppression of `ruleId` that covers `node` (on the node or one of its scopes), if any. */
export function suppressionFor(node: IConstruct, ruleId: string): Suppression | undefined {
  for (const scope of [...node.node.scopes].reverse()) {
    const entry = scope.node.metadata.find((m) => m.type === SUPPRESSION_METADATA && (m.data as Suppression).ruleId === ruleId);
    if (entry) return entry.data as Suppression;
  }
  return undefined;
}
