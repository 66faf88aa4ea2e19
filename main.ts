/**
 * `cdktf synth` entry point: the built-in example platform, or the spec module named by
 * LAKEHOUSE_SPEC (a .ts/.js file exporting `platform`).
 */
import * as path from "node:path";
import { retailPlatform } from "./examples/retail";
import { assertDeployValues, DeployValuesError, SpecError } from "./platform";
import { synthPlatform } from "./stacks/app";

function loadSpec(): unknown {
  const file = process.env.LAKEHOUSE_SPEC;
  if (!file) return retailPlatform;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.resolve(file)) as { platform?: unknown };
  if (mod.platform === undefined) throw new Error(`LAKEHOUSE_SPEC=${file} must export "platform"`);
  return mod.platform;
}

try {
  const spec = loadSpec();
  assertDeployValues(); // CI and deploys never plan with a placeholder account id
  synthPlatform(spec, process.env.CDKTF_OUTDIR ?? "cdktf.out");
} catch (err) {
  if (err instanceof SpecError || err instanceof DeployValuesError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
