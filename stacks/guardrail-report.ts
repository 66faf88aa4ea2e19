/**
 * Guardrail findings reported like spec problems: the spec field that produces the resource and
 * how to change it, once per environment and rule, with no stack trace. A finding no spec field
 * controls is a defect in the constructs, and says so with its construct path.
 */
import type { Finding } from "../guardrails";
import { stackName } from "../naming";
import type { Platform } from "../platform";

interface SpecFix {
  /** The field under environments[i] (or the platform, when global) that controls the finding. */
  readonly field: string;
  readonly global?: boolean;
  readonly how: string;
}

/** What in the spec each rule's resources come from. Rules not listed are about the constructs' own code. */
const SPEC_FIXES: Readonly<Record<string, SpecFix>> = {
  "LH-SPOT-FALLBACK": { field: "compute.spot.fallbackToOnDemand", how: "set it to true, so a run falls back to on-demand capacity when spot capacity is gone" },
  "LH-JOB-NOTIFICATIONS": { field: "notifications", how: "add an address to emails or a destination id to webhookDestinationIds, so a failed run reaches someone" },
  "LH-JOB-RETRIES-TIMEOUTS": { field: "tasks", how: "set maxRetries to at least 1 and timeoutSeconds to at least 60" },
  "LH-AUTO-TERMINATION": { field: "compute.autoTerminationMinutes", how: "set it between 10 and 10000 minutes" },
  "LH-GOVERNED-TABLE-COMPUTE": { field: "compute.accessMode", how: 'set it to "standard": the spec\'s column masks and row filters need compute that can MERGE into, append to and replace such tables' },
  "LH-TAGS": { field: "tags", global: true, how: "give every tag a non-empty value" },
};

/** One line per finding group: spec path, how to change it, and where the guardrail saw it. */
export interface GuardrailProblem {
  readonly path: string;
  readonly message: string;
}

export function guardrailProblems(findings: ReadonlyArray<Finding>, platform: Platform): GuardrailProblem[] {
  const byPath = new Map<string, { rule: string; how: string; where: Set<string> }>();
  for (const f of findings) {
    const stack = f.path.split("/")[0];
    const env = platform.environments.findIndex((e) => stackName(e) === stack);
    const fix = SPEC_FIXES[f.ruleId];
    const path = fix ? (fix.global ? fix.field : `environments[${env}].${fix.field}`) : `(construct ${f.path})`;
    const how = fix ? fix.how : `${f.message}: no spec field controls this, so it is a defect in constructs/; please report it`;
    const entry = byPath.get(`${path} ${f.ruleId}`) ?? { rule: f.ruleId, how, where: new Set<string>() };
    entry.where.add(stack);
    byPath.set(`${path} ${f.ruleId}`, entry);
  }
  return [...byPath].map(([key, e]) => ({
    path: key.slice(0, key.lastIndexOf(" ")),
    message: `${e.how} (guardrail ${e.rule}, in ${[...e.where].join(", ")})`,
  }));
}

/** Thrown by synthPlatform when a guardrail fails; synth then writes nothing. */
export class GuardrailError extends Error {
  constructor(readonly problems: ReadonlyArray<GuardrailProblem>) {
    super(
      `The platform fails ${problems.length} guardrail${problems.length === 1 ? "" : "s"}; change the spec as follows:\n` +
        problems.map((p) => `  - ${p.path}: ${p.message}`).join("\n"),
    );
    this.name = "GuardrailError";
  }
}
