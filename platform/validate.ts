import type { z } from "zod";
import { formatPath, type Problem, SpecError } from "./problem";
import { SPEC_RULES } from "./rules";
import type { SpecRule } from "./rules/rule";
import { type Platform, platformSchema } from "./schema";
import { describeShape, objectShape, schemaAt, unionOptions } from "./schema-walk";
import { closest } from "./suggest";

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  return path.reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined), input);
}

function unknownKeys(keys: ReadonlyArray<string>, path: ReadonlyArray<PropertyKey>, input: unknown): string {
  const at = schemaAt(platformSchema, path, input);
  const accepted = at ? Object.keys(objectShape(at) ?? {}) : [];
  const hints = keys.flatMap((k) => {
    const hint = closest(k, accepted);
    return hint ? [`"${k}" -> "${hint}"`] : [];
  });
  return (
    `unknown field${keys.length > 1 ? "s" : ""} ${keys.map((k) => `"${k}"`).join(", ")}` +
    (hints.length > 0 ? ` (did you mean ${hints.join(", ")}?)` : "") +
    (accepted.length > 0 ? `; accepted fields: ${accepted.join(", ")}` : "")
  );
}

/** "required: an object { quartzCron, timezone, paused? }": the fields a missing or mistyped object takes, "?" on optional ones. */
function objectExpected(path: ReadonlyArray<PropertyKey>, input: unknown): string {
  const at = schemaAt(platformSchema, path, input);
  const shape = at && objectShape(at) ? ` ${describeShape(at)}` : "";
  return `${valueAt(input, path) === undefined ? "required: an object" : "expected an object"}${shape}`;
}

/** "{ existingId } (existingId: expected a UUID) or { create: { name? } } (create: required)". */
function unionChoices(issue: z.core.$ZodIssueInvalidUnion, input: unknown): string {
  const options = unionOptions(schemaAt(platformSchema, issue.path, input) ?? platformSchema);
  const needs = (errors: ReadonlyArray<z.core.$ZodIssue>) => {
    const first = errors.find((e) => e.code !== "unrecognized_keys") ?? errors[0];
    if (!first) return "";
    const what = first.code === "unrecognized_keys" ? `no field ${first.keys.map((k) => `"${k}"`).join(", ")}` : first.message.replace(/^Invalid input: /, "");
    return ` (${first.path.length > 0 ? `${formatPath(first.path)}: ` : ""}${what})`;
  };
  return options.map((o, i) => `${describeShape(o)}${needs(issue.errors[i] ?? [])}`).join(" or ");
}

function toProblem(issue: z.core.$ZodIssue, input: unknown): Problem {
  const path = formatPath(issue.path);
  switch (issue.code) {
    case "unrecognized_keys":
      return { path, value: issue.keys, message: unknownKeys(issue.keys, issue.path, input) };
    case "invalid_union":
      if ("discriminator" in issue && issue.discriminator) {
        const options: ReadonlyArray<unknown> = ("options" in issue && issue.options) || [];
        return { path, value: valueAt(input, issue.path), message: `expected one of ${options.map((o) => JSON.stringify(o)).join(", ")}` };
      }
      return { path, value: valueAt(input, issue.path), message: `matches none of the accepted shapes; expected ${unionChoices(issue, input)}` };
    case "invalid_type":
      if (issue.expected === "object") return { path, value: valueAt(input, issue.path), message: objectExpected(issue.path, input) };
      return { path, value: valueAt(input, issue.path), message: issue.message.replace(/^Invalid (input|option|string): /, "") };
    default:
      return { path, value: valueAt(input, issue.path), message: issue.message.replace(/^Invalid (input|option|string): /, "") };
  }
}

/**
 * Turns a user's spec into the validated model: schema first (types, shapes, defaults), then every
 * cross-field rule, then `derivedNameRules` (naming/rules: this folder cannot import naming, so
 * the synth passes them in). Throws one SpecError listing every problem; returns a frozen model otherwise.
 */
export function validatePlatform(input: unknown, derivedNameRules: ReadonlyArray<SpecRule> = []): Platform {
  const rules = [...SPEC_RULES, ...derivedNameRules];
  const parsed = platformSchema.safeParse(input, { reportInput: true });
  if (parsed.success) {
    const problems = rules.flatMap((rule) => rule(parsed.data));
    if (problems.length > 0) throw new SpecError(problems);
    return deepFreeze(parsed.data);
  }
  const shapeProblems = parsed.error.issues.map((i) => toProblem(i, input));
  throw new SpecError([...shapeProblems, ...bestEffortRules(input, shapeProblems, rules)]);
}

/** Stands in for a malformed prefix in best-effort checks, so derived names do not echo its problem. */
const PLACEHOLDER_PREFIX = "xx";

/**
 * With shape errors the model is incomplete, but the cross-field rules still check the parts that
 * are well-formed: the rules run over the environments, datasets, aggregates and principals that
 * parse on their own (defaults filled in), and their paths are mapped back to the spec's indices.
 * A malformed item gets its own shape messages only: a problem inside it, or one that names it (a
 * gold aggregate reading a malformed dataset or one of its columns, a job run as a malformed
 * principal), is left out, as is a path already reported or under one. A rule that trips over a
 * malformed part contributes nothing.
 */
function bestEffortRules(input: unknown, known: ReadonlyArray<Problem>, rules: ReadonlyArray<SpecRule>): Problem[] {
  if (input === null || typeof input !== "object") return [];
  const raw = input as Record<string, unknown>;
  const shape = platformSchema.shape;
  const access = shape.access.safeParse(raw.access);
  const rawAccess = raw.access !== null && typeof raw.access === "object" ? (raw.access as Record<string, unknown>) : undefined;
  const lists = {
    environments: wellFormed(raw.environments, shape.environments.element),
    datasets: wellFormed(raw.datasets, shape.datasets.element),
    gold: wellFormed(raw.gold ?? [], shape.gold.unwrap().element),
    "access.principals": wellFormed(access.success ? [] : rawAccess?.principals, shape.access.shape.principals.element),
  };
  const repaired = {
    ...raw,
    prefix: shape.prefix.safeParse(raw.prefix).success ? raw.prefix : PLACEHOLDER_PREFIX,
    tags: shape.tags.safeParse(raw.tags).data ?? { costCenter: "", owner: "" },
    environments: lists.environments.items,
    datasets: lists.datasets.items,
    gold: lists.gold.items,
    access: access.success ? access.data : { ...rawAccess, principals: lists["access.principals"].items },
  } as Platform;
  const dropped = new Set(Object.values(lists).flatMap((l) => l.droppedNames));
  const datasetNames = new Set(lists.datasets.items.map((d) => (d as { name: string }).name));
  const remap = (text: string) =>
    text.replace(/\b(environments|datasets|gold|access\.principals)\[(\d+)\]/g, (_m, list: keyof typeof lists, i: string) => `${list}[${lists[list].index[Number(i)]}]`);
  const under = (path: string, parent: string) => path === parent || path.startsWith(`${parent}.`) || path.startsWith(`${parent}[`);
  /** A gold problem about a dataset that is not well-formed: a malformed one it may name, under its own name or under a name not yet valid. */
  const readsMalformedDataset = (p: Problem) => {
    if (!p.path.startsWith("gold[") || typeof p.value !== "string") return false;
    // The aggregate's input datasets, or a "dataset.column" reference (not a SQL fragment that holds one).
    const namesDataset = /\.(?:from|joins\[\d+\]\.dataset)$/.test(p.path) || /^[^.\s]+\.[^.\s]+$/.test(p.value);
    if (!namesDataset) return false;
    const name = p.value.split(".")[0];
    return !datasetNames.has(name) && (lists.datasets.droppedNames.includes(name) || lists.datasets.droppedUnnamed);
  };
  return rules.flatMap((rule) => {
    try {
      return rule(repaired)
        .map((p) => ({ ...p, path: remap(p.path), message: remap(p.message) }))
        .filter((p) => !known.some((k) => under(p.path, k.path)) && !(typeof p.value === "string" && dropped.has(p.value)) && !readsMalformedDataset(p));
    } catch {
      return [];
    }
  });
}

/** The items of a list that parse on their own, their original indices, the names of those that do not, and whether one of those has no valid name. */
function wellFormed(items: unknown, schema: z.ZodType): { items: unknown[]; index: number[]; droppedNames: string[]; droppedUnnamed: boolean } {
  const result = { items: [] as unknown[], index: [] as number[], droppedNames: [] as string[], droppedUnnamed: false };
  if (!Array.isArray(items)) return result;
  items.forEach((item, i) => {
    const parsed = schema.safeParse(item);
    if (parsed.success) {
      result.items.push(parsed.data);
      result.index.push(i);
      return;
    }
    const name = (item as { name?: unknown } | null)?.name;
    if (typeof name === "string") result.droppedNames.push(name);
    if (typeof name !== "string" || parsed.error.issues.some((issue) => issue.path[0] === "name")) result.droppedUnnamed = true;
  });
  return result;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
