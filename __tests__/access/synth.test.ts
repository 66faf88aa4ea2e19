/** The access check fails synth the way a guardrail does: every violation listed, nothing written. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { PlatformInput } from "../../platform";
import { AccessError } from "../../stacks/access-check";
import { synthPlatform } from "../../stacks/app";
import { platform as oneStack } from "../fixtures/one-stack";

function synth(input: PlatformInput): { error?: unknown; wrote: boolean } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "access-synth-"));
  const outdir = path.join(dir, "cdktf.out");
  try {
    synthPlatform(input, outdir);
    return { wrote: fs.existsSync(path.join(outdir, "stacks", "aws-dev", "cdk.tf.json")) };
  } catch (error) {
    return { error, wrote: fs.existsSync(outdir) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The one-stack spec with a PII column, its admins reading PII, and a group without the PII permission that reads bronze. */
function withBronzeReader(): PlatformInput {
  const input = structuredClone(oneStack);
  input.datasets[0].columns.push({ name: "email", type: "string", pii: true });
  input.access.principals[0].pii = true;
  input.access.principals.push({ name: "auditors", type: "group", layers: { bronze: "read", gold: "read" } });
  return input;
}

describe("access check at synth", () => {
  it("lets a spec whose stacks pass synthesize", () => {
    expect(synth(oneStack)).toStrictEqual({ wrote: true });
  });

  it("fails synth if a principal without the PII permission reads bronze, naming each grant, and writes nothing", () => {
    const { error, wrote } = synth(withBronzeReader());
    expect(error).toBeInstanceOf(AccessError);
    expect((error as AccessError).violations).toStrictEqual([
      expect.stringMatching(/^aws-dev: no PII in clear: SELECT on schema first_dev\.bronze for auditors: too wide \(PII is in clear there; .*\): databricks_grants\.databricks_grants_schema_bronze_[0-9A-F]{8} grants EXECUTE, SELECT, USE_SCHEMA on schema first_dev\.bronze$/),
    ]);
    expect(wrote).toBe(false);
  });
});
