import type { IConstruct } from "constructs";

/** One violation: which rule, where in the construct tree, and what to change. */
export interface Finding {
  readonly ruleId: string;
  readonly path: string;
  readonly message: string;
}

/**
 * A rule is a pure function of one construct (cdk-nag v2 style): it ignores constructs it is not
 * about and returns the findings for those it is. `ruleId` names it in findings and suppressions.
 */
export interface Rule {
  readonly ruleId: string;
  (node: IConstruct): Finding[] | undefined;
}

/** Builds a rule from a check that returns, per violation, what to change (nothing when compliant). */
export function rule(ruleId: string, check: (node: IConstruct) => string[] | undefined): Rule {
  const run = (node: IConstruct) => check(node)?.map((message) => ({ ruleId, path: node.node.path, message }));
  return Object.assign(run, { ruleId });
}
