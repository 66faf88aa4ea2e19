/**
 * `npm run diff -- <base-ref>`: what the working tree changes in the platform against a commit, in
 * the platform's own terms (diff/), as Markdown on stdout. Each side's spec is loaded and validated
 * by that side's own code and synthesized with placeholders into temporary folders; the base is a
 * detached `git worktree` in a temporary folder, removed afterwards.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { diffPlatforms, renderDiff, type TerraformJson } from "../diff";
import type { Platform } from "../platform";

const ROOT = path.resolve(__dirname, "..");
const ref = process.argv[2];
if (!ref || process.argv.length > 3) {
  console.error("usage: npm run diff -- <base-ref>   (a branch, tag or commit, e.g. origin/main)");
  process.exit(2);
}

const git = (...args: string[]) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
/** Placeholders on both sides: the diff compares specs, not deploy-time account ids. */
const env: NodeJS.ProcessEnv = { ...process.env, LAKEHOUSE_PLACEHOLDERS: "1", CHECKPOINT_DISABLE: "1" };
if (env.TF_CLI_CONFIG_FILE && !fs.existsSync(env.TF_CLI_CONFIG_FILE)) delete env.TF_CLI_CONFIG_FILE;

function run(command: string, args: string[], cwd: string, what: string): string {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}):\n${result.stderr || result.stdout}`);
  return result.stdout;
}

/**
 * The validated model and the synthesized stacks (cdk.tf.json by stack name) of one checkout,
 * synthesized into a fresh folder: the working tree's cdktf.out stays as it was.
 */
function side(dir: string, outdir: string, label: string): { model: Platform; stacks: Record<string, TerraformJson> } {
  const tsx = path.join(ROOT, "node_modules/.bin/tsx");
  const model = JSON.parse(run(tsx, [path.join(ROOT, "scripts/platform-diff-model.ts"), dir], dir, `validating the spec at ${label}`)) as Platform;
  run(path.join(ROOT, "node_modules/.bin/cdktf"), ["synth", "--output", outdir], dir, `synth at ${label}`);
  const stacksDir = path.join(outdir, "stacks");
  const stacks = Object.fromEntries(
    fs.readdirSync(stacksDir).map((stack) => [stack, JSON.parse(fs.readFileSync(path.join(stacksDir, stack, "cdk.tf.json"), "utf8")) as TerraformJson]),
  );
  return { model, stacks };
}

function commitOf(name: string): string {
  try {
    return git("rev-parse", "--verify", "--quiet", `${name}^{commit}`);
  } catch {
    console.error(`${name}: no such commit here; give a branch, tag or commit (in CI, fetch it first: actions/checkout with fetch-depth: 0)`);
    return process.exit(1);
  }
}

const sha = commitOf(ref);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "platform-diff-"));
const checkout = path.join(tmp, "base");
git("worktree", "add", "--detach", "--quiet", checkout, sha);
try {
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(checkout, "node_modules"));
  const base = side(checkout, path.join(tmp, "base.out"), `${ref} (${sha.slice(0, 7)})`);
  const head = side(ROOT, path.join(tmp, "head.out"), "the working tree");
  const changes = diffPlatforms(base.model, head.model, { base: base.stacks, head: head.stacks });
  process.stdout.write(renderDiff(changes, `${ref} (${sha.slice(0, 7)})`, git("rev-parse", "--short", "HEAD")));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  git("worktree", "remove", "--force", checkout);
  fs.rmSync(tmp, { recursive: true, force: true });
}
