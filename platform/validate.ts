import type { z } from "zod";
import { formatPath, type Problem, SpecError } from "./problem";
import { SPEC_RULES } from "./rules";
import { type Platform, platformSchema } from "./schema";

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  return path.reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined), input);
}

function toProblem(issue: z.core.$ZodIssue, input: unknown): Problem {
  const path = formatPath(issue.path);
  switch (issue.code) {
    case "unrecognized_keys":
      return { path, value: issue.keys, message: `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}; check the spelling against the spec's type` };
    case "invalid_union":
      if ("discriminator" in issue && issue.discriminator) {
        const options: ReadonlyArray<unknown> = ("options" in issue && issue.options) || [];
        return { path, value: valueAt(input, issue.path), message: `expected one of ${options.map((o) => JSON.stringify(o)).join(", ")}` };
      }
      return { path, value: valueAt(input, issue.path), message: "matches none of the accepted shapes; see the spec's type" };
    default:
      return { path, value: valueAt(input, issue.path), message: issue.message.replace(/^Invalid (input|option|string): /, "") };
  }
}

/**
 * Turns a user's spec into the validated model: schema first (types, shapes, defaults), then every
 * cross-field rule. Throws one SpecError listing every problem; returns a frozen model otherwise.
 */
export function validatePlatform(input: unknown): Platform {
  const parsed = platformSchema.safeParse(input, { reportInput: true });
  if (parsed.success) {
    const problems = SPEC_RULES.flatMap((rule) => rule(parsed.data));
    if (problems.length > 0) throw new SpecError(problems);
    return deepFreeze(parsed.data);
  }
  const shapeProblems = parsed.error.issues.map((i) => toProblem(i, input));
  throw new SpecError([...shapeProblems, ...bestEffortRules(input, shapeProblems)]);
}

/**
 * With shape errors the model is incomplete, but the cross-field rules can still check the parts
 * that are well-formed: each environment, dataset and aggregate that parses on its own is used
 * with its defaults filled in (indices kept, so paths stay right). A rule that trips over a
 * malformed part contributes nothing, and a path already reported is not reported twice.
 */
function bestEffortRules(input: unknown, known: ReadonlyArray<Problem>): Problem[] {
  if (input === null || typeof input !== "object") return [];
  const raw = input as Record<string, unknown>;
  const each = (items: unknown, schema: z.ZodType) =>
    Array.isArray(items) ? items.map((item) => schema.safeParse(item).data ?? item) : items;
  const shape = platformSchema.shape;
  const repaired = {
    ...raw,
    environments: each(raw.environments, shape.environments.element),
    datasets: each(raw.datasets, shape.datasets.element),
    gold: each(raw.gold ?? [], shape.gold.unwrap().element),
    access: shape.access.safeParse(raw.access).data ?? raw.access,
  } as Platform;
  const seen = new Set(known.map((p) => p.path));
  return SPEC_RULES.flatMap((rule) => {
    try {
      return rule(repaired).filter((p) => !seen.has(p.path));
    } catch {
      return [];
    }
  });
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
