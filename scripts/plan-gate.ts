/**
 * The deploy gate: `tsx scripts/plan-gate.ts <plan.json> <stack> [--allow-stateful-destroy]`.
 * Prints the plan summary as Markdown (for $GITHUB_STEP_SUMMARY) and exits 1 when the stack's
 * destroy protection forbids what the plan does. The stack's setting comes from
 * cdktf.out/deploy-targets.json (written at synth from the spec); a stack missing there is protected.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { gate, renderSummary, summarizePlan } from "./plan-summary";

const [planFile, stack, ...flags] = process.argv.slice(2);
if (!planFile || !stack || flags.some((f) => f !== "--allow-stateful-destroy")) {
  console.error("usage: tsx scripts/plan-gate.ts <plan.json> <stack> [--allow-stateful-destroy]");
  process.exit(2);
}
const targetsFile = path.resolve(process.env.DEPLOY_TARGETS ?? "cdktf.out/deploy-targets.json");
const targets = fs.existsSync(targetsFile) ? (JSON.parse(fs.readFileSync(targetsFile, "utf8")) as Record<string, { destroyProtection?: boolean }>) : {};

const summary = summarizePlan(JSON.parse(fs.readFileSync(planFile, "utf8")));
const verdict = gate(summary, {
  destroyProtection: targets[stack]?.destroyProtection !== false,
  allowStatefulDestroy: flags.includes("--allow-stateful-destroy"),
});
process.stdout.write(renderSummary(stack, summary, verdict));
process.exit(verdict.pass ? 0 : 1);
