/**
 * Reads a `terraform show -json` plan: how many resources it creates, updates, replaces and
 * destroys, and which of the destroys or replaces hit a resource that holds data or identity.
 * Pure functions; scripts/plan-gate.ts is the command line around them.
 */
import { createHash } from "node:crypto";
import { STATEFUL_RESOURCE_TYPES } from "../guardrails/stateful-resources";

type Kind = "create" | "update" | "replace" | "destroy";

export interface ResourceChange {
  readonly address: string;
  readonly type: string;
  readonly kind: Kind;
  /** Terraform's action_reason, e.g. delete_because_no_resource_config (a rename). */
  readonly reason?: string;
}

export interface PlanSummary {
  readonly counts: Readonly<Record<Kind, number>>;
  readonly changes: readonly ResourceChange[];
  /** Destroys and replaces of STATEFUL_RESOURCE_TYPES. */
  readonly statefulLosses: readonly ResourceChange[];
}

interface PlanJson {
  format_version?: string;
  resource_changes?: { address: string; type: string; mode: string; change: { actions: string[] }; action_reason?: string }[];
}

/** Terraform's action lists: ["delete","create"] and ["create","delete"] are both a replace. */
function kindOf(actions: readonly string[]): Kind | undefined {
  const has = (a: string) => actions.includes(a);
  if (has("delete") && has("create")) return "replace";
  if (has("delete")) return "destroy";
  if (has("create")) return "create";
  if (has("update")) return "update";
  return undefined; // no-op, read, forget: nothing is changed or lost
}

export function summarizePlan(plan: unknown): PlanSummary {
  const json = plan as PlanJson;
  const major = json?.format_version?.split(".")[0];
  if (major !== "1" || !Array.isArray(json.resource_changes ?? [])) {
    throw new Error(`expected the output of \`terraform show -json <planfile>\` (format_version 1.x), got format_version ${JSON.stringify(json?.format_version)}`);
  }
  const changes = (json.resource_changes ?? [])
    .filter((rc) => rc.mode === "managed")
    .flatMap((rc): ResourceChange[] => {
      const kind = kindOf(rc.change.actions);
      return kind ? [{ address: rc.address, type: rc.type, kind, ...(rc.action_reason ? { reason: rc.action_reason } : {}) }] : [];
    });
  const counts = { create: 0, update: 0, replace: 0, destroy: 0 };
  for (const c of changes) counts[c.kind] += 1;
  const statefulLosses = changes.filter((c) => (c.kind === "destroy" || c.kind === "replace") && STATEFUL_RESOURCE_TYPES.has(c.type));
  return { counts, changes, statefulLosses };
}

export interface GateOptions {
  /** The stack's destroy protection (always on in production). */
  readonly destroyProtection: boolean;
  /** The run was explicitly marked to allow destroying or replacing stateful resources. */
  readonly allowStatefulDestroy: boolean;
}

/** Fails closed: a protected stack's plan may not lose a stateful resource unless the run allows it. */
export function gate(summary: PlanSummary, options: GateOptions): { readonly pass: boolean; readonly reason: string } {
  const losses = summary.statefulLosses.length;
  if (losses === 0) return { pass: true, reason: "no stateful resource is destroyed or replaced" };
  if (!options.destroyProtection) return { pass: true, reason: `${losses} stateful resource(s) lost, allowed: this environment opted out of destroy protection` };
  if (options.allowStatefulDestroy) return { pass: true, reason: `${losses} stateful resource(s) lost, allowed explicitly for this run (allow-stateful-destroy)` };
  return {
    pass: false,
    reason: `${losses} stateful resource(s) would be destroyed or replaced; fix the change (a rename needs a moved block) or rerun the deploy with allow-stateful-destroy`,
  };
}

/**
 * The gate's verdict on exactly these changes of this stack, as a sha256. The plan job and the
 * apply job each compute it from their own `terraform show -json`; equal digests mean the apply
 * gates the same changes the approver was shown.
 */
export function verdictDigest(stack: string, summary: PlanSummary, verdict: { pass: boolean; reason: string }): string {
  return createHash("sha256").update(JSON.stringify({ stack, changes: summary.changes, pass: verdict.pass, reason: verdict.reason })).digest("hex");
}

const SYMBOL: Record<Kind, string> = { create: "+", update: "~", replace: "-/+", destroy: "-" };

/** The job summary: counts, the stateful losses, the verdict, and every change. */
export function renderSummary(stack: string, summary: PlanSummary, verdict: { pass: boolean; reason: string }): string {
  const { create, update, replace, destroy } = summary.counts;
  const lines = [
    `### Plan for \`${stack}\`: ${create} to create, ${update} to update, ${replace} to replace, ${destroy} to destroy`,
    "",
    `${verdict.pass ? "✅ gate passed" : "⛔ gate failed"}: ${verdict.reason}`,
  ];
  if (summary.statefulLosses.length > 0) {
    lines.push("", "| stateful resource | action | reason |", "|---|---|---|");
    for (const c of summary.statefulLosses) lines.push(`| \`${c.address}\` | ${c.kind} | ${c.reason ?? ""} |`);
  }
  if (summary.changes.length > 0) {
    lines.push("", "<details><summary>every change</summary>", "", "```diff");
    for (const c of summary.changes) lines.push(`${SYMBOL[c.kind]} ${c.address}`);
    lines.push("```", "</details>");
  }
  return `${lines.join("\n")}\n`;
}
