/**
 * The access check at synth: each stack's synthesized cdk.tf.json read back (stacks/synthesized-access.ts) and held
 * to the access model (access/check.ts). Run by synthPlatform before the scratch output replaces cdktf.out, so a
 * violation fails synth and writes nothing, like a guardrail.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { checkAccess, formatViolation } from "../access/check";
import type { PipelinePlan } from "../jobs/plan";
import { stackName } from "../naming";
import { metastoreKey } from "../naming/observability";
import type { Platform } from "../platform";
import { deployedEnvironments } from "../platform/dr";
import { readStackAccess, type SynthesizedStack } from "./synthesized-access";

/**
 * Every violation of every stack (DR secondaries included), prefixed with its stack. Grants on the system catalog are made once per metastore
 * (by its first environment's stack) and count for every stack on that metastore.
 */
export function accessViolations(platform: Platform, pipeline: PipelinePlan, stacks: ReadonlyMap<string, SynthesizedStack>): string[] {
  const read = new Map([...stacks].map(([name, stack]) => [name, readStackAccess(stack)]));
  const environments = deployedEnvironments(platform.environments);
  return environments.flatMap((environment) => {
    const name = stackName(environment);
    const stack = read.get(name);
    if (!stack) return [`${name}: no synthesized stack to check`];
    const shared = environments
      .filter((e) => stackName(e) !== name && metastoreKey(e) === metastoreKey(environment))
      .flatMap((e) => read.get(stackName(e))?.grants ?? [])
      .filter((g) => g.securable.name === "system" || g.securable.name.startsWith("system."));
    return checkAccess(platform, environment, pipeline, stack, shared).map((v) => `${name}: ${formatViolation(v)}`);
  });
}

/** The synthesized stacks under an outdir (outdir/stacks/<name>/cdk.tf.json). */
export function readSynthesizedStacks(platform: Platform, outdir: string): Map<string, SynthesizedStack> {
  return new Map(
    deployedEnvironments(platform.environments).map((e) => {
      const file = path.join(outdir, "stacks", stackName(e), "cdk.tf.json");
      return [stackName(e), JSON.parse(fs.readFileSync(file, "utf8")) as SynthesizedStack];
    }),
  );
}

/** Thrown by synthPlatform when a stack fails the access check; synth then writes nothing. */
export class AccessError extends Error {
  constructor(readonly violations: ReadonlyArray<string>) {
    super(
      `The platform fails the access check in ${violations.length} place${violations.length === 1 ? "" : "s"} (task: privilege on securable for principal: what is missing or too wide):\n` +
        violations.map((v) => `  - ${v}`).join("\n"),
    );
    this.name = "AccessError";
  }
}
