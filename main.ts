/**
 * `cdktf synth` entry point: the built-in example platform, or the spec module named by
 * LAKEHOUSE_SPEC (a .ts/.js file exporting `platform`). A bad spec or spec module prints what to
 * change and exits 1, without a stack trace: those are the user's to fix, not bugs.
 */
import { retailPlatform } from "./examples/retail";
import { assertDeployValues, DeployValuesError, SpecError } from "./platform";
import { synthPlatform } from "./stacks/app";
import { GuardrailError } from "./stacks/guardrail-report";
import { loadSpecModule, SpecModuleError } from "./stacks/spec-module";

try {
  const file = process.env.LAKEHOUSE_SPEC;
  const spec = file ? loadSpecModule(file) : retailPlatform;
  assertDeployValues(); // CI and deploys never plan with a placeholder account id
  synthPlatform(spec, process.env.CDKTF_OUTDIR ?? "cdktf.out");
} catch (err) {
  if (err instanceof SpecError || err instanceof DeployValuesError || err instanceof GuardrailError || err instanceof SpecModuleError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
