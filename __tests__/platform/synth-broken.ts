/** Synthesizes a broken copy of the example into a fresh folder; the SpecError and whether anything was written. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type PlatformInput, SpecError } from "../../platform";
import { synthPlatform } from "../../stacks/app";
import { exampleInput } from "../fixtures/platform";

export type Input = PlatformInput & Record<string, unknown>;
type AnyRecord = Record<string, unknown>;

/** Loose access to a part of the input, for mutations the spec's types would refuse. */
export const at = (p: Input, ...keys: Array<string | number>): AnyRecord =>
  keys.reduce<unknown>((v, k) => (v as AnyRecord)[k], p) as AnyRecord;

export function synthBroken(mutate: (p: Input) => void): { error: SpecError; wrote: boolean } {
  const input = exampleInput() as Input;
  mutate(input);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spec-test-"));
  const outdir = path.join(dir, "cdktf.out");
  try {
    synthPlatform(input, outdir);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    return { error, wrote: fs.existsSync(outdir) || fs.readdirSync(dir).length > 0 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  throw new Error("expected the spec to be rejected");
}
