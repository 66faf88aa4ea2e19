/**
 * `cdktf synth` entry point: the built-in example platform, or the spec module named by
 * LAKEHOUSE_SPEC (a .ts/.js file exporting `platform`). A bad spec or spec module prints what to
 * change and exits 1, without a stack trace: those are the user's to fix, not bugs.
 */
import { retailPlatform } from "./examples/retail";
import { SpecError } from "./platform";
import { synthPlatform } from "./stacks/app";
import { GuardrailError } from "./stacks/guardrail-report";
import { loadSpecModule, SpecModuleError } from "./stacks/spec-module";

try {
  const file = process.env.LAKEHOUSE_SPEC;
  synthPlatform(file ? loadSpecModule(file) : retailPlatform, process.env.CDKTF_OUTDIR ?? "cdktf.out");
} catch (err) {
  if (err instanceof SpecError || err instanceof GuardrailError || err instanceof SpecModuleError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
