import * as fs from "node:fs";
import * as path from "node:path";
import { type App, Aspects, type IAspect, TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import type { Finding, Rule } from "./rule";
import { type Suppression, suppressionFor } from "./suppressions";

export const SUMMARY_FILE = "guardrails-summary.json";

export interface SuppressedFinding extends Finding {
  readonly reason: string;
}

/** Runs a pack of rules over every construct it visits and keeps what they found. */
export class GuardrailsAspect implements IAspect {
  readonly findings: Finding[] = [];
  readonly suppressed: SuppressedFinding[] = [];

  constructor(private readonly rules: readonly Rule[]) {}

  visit(node: IConstruct): void {
    for (const rule of this.rules) {
      for (const finding of rule(node) ?? []) {
        const suppression: Suppression | undefined = suppressionFor(node, finding.ruleId);
        if (suppression) this.suppressed.push({ ...finding, reason: suppression.reason });
        else this.findings.push(finding);
      }
    }
  }

  /** The summary printed and written at the end of synth. */
  summary(): { findings: Finding[]; suppressed: SuppressedFinding[] } {
    return { findings: this.findings, suppressed: this.suppressed };
  }
}

/**
 * Applies the rules to every stack of the app; call it once the stacks exist. cdktf invokes aspects
 * per stack at synth, starting from the stack (an aspect on the App itself is never visited), so
 * the aspect goes on each stack.
 * After all stacks, the app's validation prints the summary, writes it to
 * `<outdir>/guardrails-summary.json`, and fails synth once, listing every finding.
 */
export function applyGuardrails(app: App, rules: readonly Rule[]): GuardrailsAspect {
  const aspect = new GuardrailsAspect(rules);
  for (const stack of app.node.findAll().filter(TerraformStack.isStack)) Aspects.of(stack).add(aspect);
  app.node.addValidation({
    validate: () => {
      const summary = aspect.summary();
      fs.writeFileSync(path.join(app.outdir, SUMMARY_FILE), JSON.stringify(summary, null, 2));
      // Informational, so stdout: the cdktf CLI labels every stderr line [ERROR].
      for (const s of summary.suppressed) console.log(`guardrails: suppressed ${s.ruleId} on ${s.path}: ${s.reason}`);
      console.log(`guardrails: ${summary.findings.length} finding(s), ${summary.suppressed.length} suppressed`);
      return summary.findings.map((f) => `[${f.ruleId}] ${f.path}: ${f.message}`);
    },
  });
  return aspect;
}
