import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { platform as logistics } from "../../examples/logistics";
import { validatePlatform } from "../../platform";
import { platform } from "../fixtures/platform";

const ROOT = path.join(__dirname, "../..");
const tsx = (script: string, args: string[], env: Record<string, string> = {}) =>
  spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), [path.join(ROOT, "scripts", script), ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, LAKEHOUSE_PLACEHOLDERS: "1", ...env } });

describe("the diff's loaders (scripts/platform-diff*.ts)", () => {
  it("prints a checkout's validated model, the built-in example by default", () => {
    const run = tsx("platform-diff-model.ts", [ROOT]);
    expect([run.status, JSON.parse(run.stdout)]).toStrictEqual([0, JSON.parse(JSON.stringify(platform))]);
  });

  it("loads LAKEHOUSE_SPEC relative to the checkout", () => {
    const run = tsx("platform-diff-model.ts", [ROOT], { LAKEHOUSE_SPEC: "examples/logistics.ts" });
    expect([run.status, JSON.parse(run.stdout)]).toStrictEqual([0, JSON.parse(JSON.stringify(validatePlatform(logistics)))]);
  });

  it("fails if no base ref is given, saying what to pass", () => {
    const run = tsx("platform-diff.ts", []);
    expect([run.status, run.stderr.trim()]).toStrictEqual([2, "usage: npm run diff -- <base-ref>   (a branch, tag or commit, e.g. origin/main)"]);
  });

  it("fails if the base ref names no commit, and leaves no worktree behind", () => {
    const run = tsx("platform-diff.ts", ["no-such-ref-anywhere"]);
    expect([run.status, run.stderr]).toStrictEqual([1, expect.stringContaining("no-such-ref-anywhere")]);
    expect(spawnSync("git", ["worktree", "list"], { cwd: ROOT, encoding: "utf8" }).stdout).not.toContain("platform-diff-");
  });
});
