/**
 * `cdktf synth` entry point: the built-in example platform, or the spec module named by
 * LAKEHOUSE_SPEC (a .ts/.js file exporting `platform`). A bad spec or spec module prints what to
 * change and exits 1, without a stack trace: those are the user's to fix, not bugs.
 */
import { retailPlatform } from "./examples/retail";
import { assertDeployValues, DeployValuesError, SpecError } from "./platform";
import { synthPlatform } from "./stacks/app";
import { leaveRemovedStacksToCli, stackFolders } from "./stacks/cli-handoff";
import { GuardrailError } from "./stacks/guardrail-report";
import { loadSpecModule, SpecModuleError } from "./stacks/spec-module";

try {
  const file = process.env.LAKEHOUSE_SPEC;
  const spec = file ? loadSpecModule(file) : retailPlatform;
  assertDeployValues(); // CI and deploys never plan with a placeholder account id
  // CDKTF_OUTDIR is set when the cdktf CLI runs the app; the CLI then cleans up after it (stacks/cli-handoff.ts).
  const cliOutdir = process.env.CDKTF_OUTDIR;
  const outdir = cliOutdir ?? "cdktf.out";
  const previous = stackFolders(outdir);
  synthPlatform(spec, outdir);
  if (cliOutdir) leaveRemovedStacksToCli(outdir, previous);
} catch (err) {
  if (err instanceof SpecError || err instanceof DeployValuesError || err instanceof GuardrailError || err instanceof SpecModuleError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
