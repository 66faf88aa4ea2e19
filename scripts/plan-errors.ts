/**
 * Why a `terraform plan` failed, for the job summary and the pull request's sticky comment: the
 * verdict line first, what unblocks the known failures, then Terraform's own error text. Pure;
 * scripts/plan-failure.ts is the command line around it.
 */

/** Terraform's diagnostic for a planned destroy or replace of a resource with prevent_destroy. */
const PREVENT_DESTROY = /Resource (\S+) has lifecycle\.prevent_destroy set, but the plan\s+calls for this resource to be destroyed/g;
/** Room left for Terraform's text; the sticky comment caps each stack's detail again. */
const MAX_ERROR_CHARS = 20_000;

export interface PlanFailure {
  /** One line, starting with ⛔, that the sticky comment lists first. */
  readonly verdict: string;
  readonly markdown: string;
}

/** Addresses that prevent_destroy stopped: the plan destroys or replaces them while they are still configured. */
export function protectedResources(stderr: string): string[] {
  return [...new Set([...stderr.matchAll(PREVENT_DESTROY)].map((m) => m[1]))];
}

export function explainPlanFailure(stack: string, stderr: string, exitCode: number): PlanFailure {
  const blocked = protectedResources(stderr);
  const verdict =
    blocked.length > 0
      ? `⛔ plan failed: ${blocked.length} protected resource(s) would be destroyed or replaced (lifecycle.prevent_destroy): ${blocked.map((a) => `\`${a}\``).join(", ")}`
      : `⛔ plan failed: terraform plan exited ${exitCode}; its error is below`;
  const lines = [`### Plan for \`${stack}\` failed`, "", verdict];
  if (blocked.length > 0) {
    lines.push(
      "",
      "These resources hold data or identity and are still in the configuration, so Terraform itself refuses the plan;",
      "`allow-stateful-destroy` cannot unblock it (the gate never sees a plan). What does:",
      "- a renamed construct: a `moved` block (cdktf `moveTo` / `moveFromId`) keeps the resource;",
      "- a changed attribute that forces a replacement: revert it, or make the change without replacing;",
      "- an intended replacement: see the README's rollback runbook (a reviewed, hand-run `terraform state rm` after a backup).",
    );
  }
  const text = stderr.trim();
  lines.push("", "<details><summary>terraform error</summary>", "", "```", text.length > MAX_ERROR_CHARS ? `…${text.slice(-MAX_ERROR_CHARS)}` : text, "```", "</details>");
  return { verdict, markdown: `${lines.join("\n")}\n` };
}
