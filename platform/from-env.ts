/**
 * Deploy-time values (account ids, state buckets) come from environment variables. How a missing
 * one is handled depends on where synth runs:
 * - locally, the placeholder keeps `npm run synth` working with no credentials;
 * - in CI (`CI=true`) and at deploy (`LAKEHOUSE_STRICT=1`) a placeholder would plan against the
 *   wrong account, so every missing variable is collected and `assertDeployValues` fails once;
 * - with `LAKEHOUSE_PLACEHOLDERS=1` (the test runner, plan-less CI synth) every value is the
 *   placeholder, whatever the environment holds, so tests never depend on exported variables.
 */

/** Opt-in to placeholders for every deploy-time value. */
export const PLACEHOLDERS_VARIABLE = "LAKEHOUSE_PLACEHOLDERS";
/** Requires every deploy-time value; `CI=true` implies it. */
export const STRICT_VARIABLE = "LAKEHOUSE_STRICT";

export type DeployValueMode = "placeholders" | "strict" | "local";

const isOn = (value: string | undefined) => value === "1" || value === "true";

/** Which of the three behaviours applies under `env`; asking for both opt-ins is a mistake. */
export function deployValueMode(env: NodeJS.ProcessEnv = process.env): DeployValueMode {
  const placeholders = isOn(env[PLACEHOLDERS_VARIABLE]);
  if (placeholders && isOn(env[STRICT_VARIABLE])) {
    throw new Error(`${PLACEHOLDERS_VARIABLE}=1 and ${STRICT_VARIABLE}=1 contradict each other: a deploy must not use placeholders`);
  }
  if (placeholders) return "placeholders";
  return isOn(env[STRICT_VARIABLE]) || isOn(env.CI) ? "strict" : "local";
}

/** Variables read while unset, with the placeholder used instead. */
const missing = new Map<string, string>();

export function fromEnv(variable: string, placeholder: string): string {
  if (deployValueMode() === "placeholders") return placeholder;
  const value = process.env[variable];
  if (value !== undefined && value !== "") return value;
  missing.set(variable, placeholder);
  return placeholder;
}

/** Thrown once, naming every deploy-time variable that was unset. */
export class DeployValuesError extends Error {
  constructor(readonly variables: readonly string[]) {
    super(
      `${variables.length} deploy-time variable${variables.length === 1 ? " is" : "s are"} unset, and CI=true or ${STRICT_VARIABLE}=1 ` +
        `forbids placeholders (they would plan against the wrong account):\n` +
        variables.map((v) => `  - ${v} (placeholder would be ${JSON.stringify(missing.get(v))})`).join("\n") +
        `\nExport them (README: Deploying one environment), or set ${PLACEHOLDERS_VARIABLE}=1 for a plan-less synth.`,
    );
    this.name = "DeployValuesError";
  }
}

/** In strict mode, fails if any `fromEnv` call so far fell back to its placeholder. */
export function assertDeployValues(): void {
  if (deployValueMode() !== "strict" || missing.size === 0) return;
  throw new DeployValuesError([...missing.keys()].sort());
}
