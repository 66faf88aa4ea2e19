/**
 * The deploy gate: `tsx scripts/plan-gate.ts <plan.json> <stack> [--allow-stateful-destroy]
 * [--verdict-file <file>] [--expect-verdict <sha256>]`.
 * Prints the plan summary as Markdown (for $GITHUB_STEP_SUMMARY) and exits 1 when the stack's
 * destroy protection forbids what the plan does. The stack's setting comes from
 * cdktf.out/deploy-targets.json (written at synth from the spec); a stack missing there is protected.
 * --verdict-file writes the verdict's digest (the plan job hands it to the apply job);
 * --expect-verdict exits 3 when this plan's verdict differs from that digest (the apply job, which
 * re-renders plan.json from the tfplan it applies).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { gate, renderSummary, summarizePlan, verdictDigest } from "./plan-summary";

const USAGE = "usage: tsx scripts/plan-gate.ts <plan.json> <stack> [--allow-stateful-destroy] [--verdict-file <file>] [--expect-verdict <sha256>]";
const [planFile, stack, ...rest] = process.argv.slice(2);
const options: { allow: boolean; verdictFile?: string; expected?: string } = { allow: false };
for (let i = 0; i < rest.length; i += 1) {
  const flag = rest[i];
  if (flag === "--allow-stateful-destroy") options.allow = true;
  else if (flag === "--verdict-file" && rest[i + 1]) options.verdictFile = rest[++i];
  else if (flag === "--expect-verdict" && /^[0-9a-f]{64}$/.test(rest[i + 1] ?? "")) options.expected = rest[++i];
  else {
    console.error(`${USAGE}\nunexpected argument ${JSON.stringify(flag)}${flag === "--expect-verdict" ? " (expected a sha256 after it)" : ""}`);
    process.exit(2);
  }
}
if (!planFile || !stack) {
  console.error(USAGE);
  process.exit(2);
}
const targetsFile = path.resolve(process.env.DEPLOY_TARGETS ?? "cdktf.out/deploy-targets.json");
const targets = fs.existsSync(targetsFile) ? (JSON.parse(fs.readFileSync(targetsFile, "utf8")) as Record<string, { destroyProtection?: boolean }>) : {};

const summary = summarizePlan(JSON.parse(fs.readFileSync(planFile, "utf8")));
const verdict = gate(summary, {
  destroyProtection: targets[stack]?.destroyProtection !== false,
  allowStatefulDestroy: options.allow,
});
const digest = verdictDigest(stack, summary, verdict);
process.stdout.write(renderSummary(stack, summary, verdict));
if (options.verdictFile) fs.writeFileSync(options.verdictFile, `${digest}\n`);
if (options.expected !== undefined && options.expected !== digest) {
  console.error(`::error::the gate's verdict on the plan being applied (${digest}) differs from the plan job's (${options.expected}): what was shown is not what this tfplan does; nothing was applied`);
  process.exit(3);
}
process.exit(verdict.pass ? 0 : 1);
