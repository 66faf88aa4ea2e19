/**
 * `tsx scripts/plan-failure.ts <stack> <stderr-file> <exit-code>`: the Markdown that says why a
 * stack's `terraform plan` failed (scripts/plan-errors.ts), for the job summary and the sticky comment.
 */
import * as fs from "node:fs";
import { explainPlanFailure } from "./plan-errors";

const [stack, stderrFile, code] = process.argv.slice(2);
if (!stack || !stderrFile || !/^\d+$/.test(code ?? "")) {
  console.error("usage: tsx scripts/plan-failure.ts <stack> <stderr-file> <exit-code>");
  process.exit(2);
}
const stderr = fs.existsSync(stderrFile) ? fs.readFileSync(stderrFile, "utf8") : "";
process.stdout.write(explainPlanFailure(stack, stderr, Number(code)).markdown);
