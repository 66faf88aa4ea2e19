/**
 * `npm run synth` as a newcomer runs it, through the cdktf CLI: one spec after another into the same
 * output folder (a temporary one, so the repository's cdktf.out is left alone), and a bad spec.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const EXAMPLE_STACKS = ["aws-dev", "aws-prod", "aws-proddr", "aws-staging", "azure-dev", "azure-prod", "azure-proddr", "azure-staging"];

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-synth-"))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** `npm run synth -- --output <dir>/cdktf.out` with LAKEHOUSE_SPEC set to `spec` (the example when undefined). */
function synth(spec?: string): { status: number | null; output: string; stacks: string[] } {
  const outdir = path.join(dir, "cdktf.out");
  const env: NodeJS.ProcessEnv = { ...process.env, LAKEHOUSE_PLACEHOLDERS: "1", FORCE_COLOR: "0", NO_COLOR: "1" };
  delete env.LAKEHOUSE_SPEC;
  if (spec) env.LAKEHOUSE_SPEC = spec;
  const run = spawnSync("npm", ["run", "--silent", "synth", "--", "--output", outdir], { cwd: ROOT, env, encoding: "utf8" });
  const stacksDir = path.join(outdir, "stacks");
  const stacks = fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir).sort() : [];
  return { status: run.status, output: `${run.stdout}${run.stderr}`, stacks };
}

describe("npm run synth", () => {
  it("synthesizes the example, then a one-stack spec, then the example again, each on the first try", () => {
    const example = synth();
    expect([example.status, example.stacks]).toStrictEqual([0, EXAMPLE_STACKS]);
    const oneStack = synth("./__tests__/fixtures/one-stack.ts");
    expect([oneStack.status, oneStack.stacks]).toStrictEqual([0, ["aws-dev"]]);
    expect(oneStack.output).not.toContain("ENOENT");
    const again = synth();
    expect([again.status, again.stacks]).toStrictEqual([0, EXAMPLE_STACKS]);
  }, 300_000);

  it("fails if the spec is bad, printing each problem once and leaving the last output as it was", () => {
    const bad = path.join(dir, "bad-platform.ts");
    const fixture = path.join(ROOT, "__tests__/fixtures/one-stack");
    fs.writeFileSync(
      bad,
      `import { platform as base } from ${JSON.stringify(fixture)};\n` +
        `export const platform = { ...base, prefix: "First", datasets: [{ ...base.datasets[0], name: "Bad Name" }] };\n`,
    );
    const run = synth(bad);
    expect(run.status).toBe(1);
    const problems = run.output.split("\n").filter((line) => /^\s*- (prefix|datasets\[0\]\.name): /.test(line));
    expect(problems.map((line) => line.trim().split(":")[0])).toStrictEqual(["- prefix", "- datasets[0].name"]);
    expect(run.stacks).toStrictEqual(EXAMPLE_STACKS);
  }, 120_000);
});
