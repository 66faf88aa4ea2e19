/**
 * The deploy-safety properties of the workflows that a YAML assertion alone cannot show: the
 * scripts the comment and drift jobs run (executed here against fake GitHub APIs), the artifact
 * checksum steps (run in bash over a fake stack), the commit a deploy resolves (run in bash over a
 * git repository), runner separation and CODEOWNERS.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { load } from "js-yaml";
import { deployTargets } from "../../stacks/deploy-targets";
import { platform } from "../fixtures/platform";

type Step = { id?: string; name?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> };
type Workflow = { jobs: Record<string, { "runs-on"?: string; steps?: Step[] }> };
const ROOT = path.join(__dirname, "../..");
const workflow = (name: string) => load(fs.readFileSync(path.join(ROOT, ".github/workflows", name), "utf8")) as Workflow;
const scriptOf = (file: string, job: string) => String(workflow(file).jobs[job].steps?.find((s) => s.uses?.startsWith("actions/github-script@"))?.with?.script);

type Call = [string, Record<string, unknown>];
const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<void>;

/** Runs a github-script body as actions/github-script does, over files in a temp dir and a recording API. */
async function runScript(script: string, files: Record<string, string>, env: Record<string, string>, existing: unknown[] = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gh-script-"));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const calls: Call[] = [];
  const record = (name: string) => async (args: Record<string, unknown>) => void calls.push([name, args]);
  const github = {
    paginate: async () => existing,
    rest: { issues: { listComments: {}, listForRepo: {}, updateComment: record("updateComment"), createComment: record("createComment"), create: record("create") } },
  };
  const outcome = { failed: [] as string[], summary: [] as string[] };
  const core = { setFailed: (m: string) => outcome.failed.push(m), summary: { addRaw: (t: string) => ({ write: async () => void outcome.summary.push(t) }) } };
  const context = { repo: { owner: "o", repo: "r" }, issue: { number: 7 }, sha: "abcdef1234567", serverUrl: "https://github.com", runId: 42 };
  const fsInDir = { existsSync: (f: string) => fs.existsSync(path.join(dir, f)), readFileSync: (f: string, e: BufferEncoding) => fs.readFileSync(path.join(dir, f), e) };
  const requireShim = (m: string) => (m === "node:fs" ? fsInDir : m === "node:path" ? path : undefined);
  try {
    await new AsyncFunction("require", "github", "context", "core", "process", script)(requireShim, github, context, core, { env });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { calls, ...outcome };
}

describe("the pull request's sticky comments (the comment job's script, executed)", () => {
  const script = scriptOf("pull-request.yml", "comment");
  const stacks = JSON.stringify(["aws-dev", "aws-prod", "azure-prod"]);
  const plan = (verdict: string, detail = "") => `### Plan for x\n\n${verdict}\n${detail}`;

  it("posts the overview, the platform diff and the plans; every verdict first, a missing plan said so", async () => {
    const { calls } = await runScript(
      script,
      {
        "pr-artifacts/overview/overview.md": "overview",
        "pr-artifacts/platform-diff/platform-diff.md": "## Platform diff",
        "pr-artifacts/plan-summary-aws-dev/plan-comment.md": plan("✅ gate passed: no stateful resource is destroyed or replaced"),
        "pr-artifacts/plan-summary-aws-prod/plan-comment.md": plan("⛔ plan failed: terraform plan exited 1; its error is below"),
      },
      { STACKS: stacks },
    );
    expect(calls.map(([name, args]) => [name, String(args.body).split("\n")[0]])).toStrictEqual([
      ["createComment", "<!-- lakehouse-overview -->"],
      ["createComment", "<!-- lakehouse-diff -->"],
      ["createComment", "<!-- lakehouse-plans -->"],
    ]);
    expect(String(calls[2][1].body).split("\n").slice(1, 7)).toStrictEqual([
      "## Terraform plans (abcdef1)",
      "",
      "- `aws-dev`: ✅ gate passed: no stateful resource is destroyed or replaced",
      "- `aws-prod`: ⛔ plan failed: terraform plan exited 1; its error is below",
      "- `azure-prod`: ⛔ no plan: the job failed or was skipped before Terraform planned (synth, login, init or the environment's approval); see the run",
      "",
    ]);
  });

  it("caps each plan's detail so one big plan cannot push another stack's verdict or detail out", async () => {
    const big = plan("✅ gate passed: a", `<details>\n\n\`\`\`\n${"+ resource\n".repeat(20_000)}\`\`\`\n</details>`);
    const { calls } = await runScript(
      script,
      { "pr-artifacts/plan-summary-aws-dev/plan-comment.md": big, "pr-artifacts/plan-summary-aws-prod/plan-comment.md": plan("⛔ gate failed: b", "the small one") },
      { STACKS: stacks },
    );
    const body = String(calls[0][1].body);
    expect([body.length <= 65000, body.includes("the small one"), body.includes("… cut here: the whole plan is in the job summary.")]).toStrictEqual([true, true, true]);
    expect((body.match(/```/g) ?? []).length % 2).toBe(0);
  });

  it("edits its own earlier comment instead of adding one", async () => {
    const { calls } = await runScript(script, { "pr-artifacts/platform-diff/platform-diff.md": "new" }, { STACKS: "[]" }, [{ id: 5, user: { type: "Bot" }, body: "<!-- lakehouse-diff -->\nold" }]);
    expect(calls).toStrictEqual([["updateComment", { owner: "o", repo: "r", comment_id: 5, body: "<!-- lakehouse-diff -->\nnew" }]]);
  });
});

describe("the drift report (the report job's script, executed)", () => {
  const script = scriptOf("drift.yml", "report");
  const stacks = JSON.stringify(["aws-dev", "aws-prod", "azure-dev"]);

  it("opens the drift issue for a drifted stack and for one whose plan failed, saying it failed, and fails the run", async () => {
    const result = await runScript(
      script,
      {
        "drift/drift-aws-dev/drift-status.txt": "clean\n",
        "drift/drift-aws-prod/drift-status.txt": "drifted\n",
        "drift/drift-aws-prod/plan-comment.md": "### Plan for `aws-prod`: 0 to create, 1 to update",
        "drift/drift-azure-dev/drift-status.txt": "failed\n",
        "drift/drift-azure-dev/plan-comment.md": "### Plan for `azure-dev` failed",
      },
      { STACKS: stacks },
    );
    expect(result.calls.map(([name, args]) => [name, args.title, String(args.body).split("\n")[0]])).toStrictEqual([
      ["create", "Drift detected in aws-prod", "The plan of `aws-prod` is not empty."],
      ["create", "Drift detected in azure-dev", "The drift plan of `azure-dev` failed, so its drift is unknown."],
    ]);
    expect([result.summary, result.failed]).toStrictEqual([["Drifted: aws-prod. Plan failed: azure-dev."], ["The drift plan failed for azure-dev."]]);
  });

  it("counts a stack with no recorded outcome as failed, and never says no drift when nothing was planned", async () => {
    const missing = await runScript(script, { "drift/drift-aws-dev/drift-status.txt": "clean" }, { STACKS: JSON.stringify(["aws-dev", "aws-prod"]) });
    expect(missing.summary).toStrictEqual(["Drifted: none. Plan failed: aws-prod."]);
    const none = await runScript(script, {}, { STACKS: "" });
    expect([none.summary, none.failed]).toStrictEqual([[], ["No stack was planned: the targets job failed, so drift was not checked."]]);
  });

  it("says no drift only when every stack planned clean", async () => {
    const clean = await runScript(script, { "drift/drift-aws-dev/drift-status.txt": "clean" }, { STACKS: JSON.stringify(["aws-dev"]) });
    expect([clean.calls, clean.summary, clean.failed]).toStrictEqual([[], ["No drift."], []]);
  });
});

describe("the plan artifact's checksums (the deploy steps, run in bash)", () => {
  const stackWorkflow = workflow("deploy-stack.yml");
  const collect = stackWorkflow.jobs.plan.steps?.find((s) => s.id === "artifact")?.run ?? "";
  const verify = stackWorkflow.jobs.apply.steps?.find((s) => s.name?.startsWith("Check the artifact is exactly"))?.run ?? "";
  const bash = (script: string, cwd: string, env: Record<string, string>) => spawnSync("bash", ["-eo", "pipefail", "-c", script], { cwd, env: { ...process.env, ...env }, encoding: "utf8" });

  function planned() {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "tfplan-"));
    const stack = path.join(work, "deploy/cdktf.out/stacks/aws-dev");
    fs.mkdirSync(path.join(stack, "assets/nb"), { recursive: true });
    fs.mkdirSync(path.join(stack, ".terraform"), { recursive: true });
    for (const [file, text] of Object.entries({ tfplan: "plan", "cdk.tf.json": "{}", ".terraform.lock.hcl": "lock", "assets/nb/bronze.py": "print(1)", "plan.json": "secret", "plan.txt": "secret", ".terraform/state": "secret" })) {
      fs.writeFileSync(path.join(stack, file), text);
    }
    const output = path.join(work, "output");
    const run = bash(collect, work, { STACK: "aws-dev", GITHUB_OUTPUT: output });
    expect(run.stderr).toBe("");
    const digest = fs.readFileSync(output, "utf8").trim().replace(/^digest=/, "");
    // What download-artifact puts in place: the artifact folder's content under the stack folder.
    const applied = path.join(work, "apply/cdktf.out/stacks/aws-dev");
    fs.mkdirSync(path.dirname(applied), { recursive: true });
    fs.cpSync(path.join(work, "tfplan-artifact"), applied, { recursive: true });
    return { work, applied, digest };
  }

  it("carries only the plan, configuration, notebooks and lock file, and the apply accepts it unchanged", () => {
    const { work, applied, digest } = planned();
    expect(spawnSync("find", [".", "-type", "f"], { cwd: applied, encoding: "utf8" }).stdout.split("\n").filter(Boolean).sort()).toStrictEqual(
      ["./.terraform.lock.hcl", "./SHA256SUMS", "./assets/nb/bronze.py", "./cdk.tf.json", "./tfplan"],
    );
    expect(bash(verify, path.join(work, "apply"), { STACK: "aws-dev", DIGEST: digest }).status).toBe(0);
  });

  it("fails the apply if a file was changed, added, or the checksum list swapped", () => {
    const cases: [string, (dir: string) => void][] = [
      ["changed", (dir) => fs.writeFileSync(path.join(dir, "tfplan"), "other plan")],
      ["added", (dir) => fs.writeFileSync(path.join(dir, "extra.tf.json"), "{}")],
      ["list swapped", (dir) => fs.writeFileSync(path.join(dir, "SHA256SUMS"), "")],
    ];
    for (const [, tamper] of cases) {
      const { work, applied, digest } = planned();
      tamper(applied);
      expect(bash(verify, path.join(work, "apply"), { STACK: "aws-dev", DIGEST: digest }).status).not.toBe(0);
    }
  });
});

describe("the commit a deploy resolves (the test job's step, run in bash over a git repository)", () => {
  const resolve = workflow("deploy.yml").jobs.test.steps?.find((s) => s.id === "commit")?.run ?? "";
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), "resolve-"));
  const git = (...args: string[]) => spawnSync("git", args, { cwd: repo, encoding: "utf8" }).stdout.trim();
  git("init", "--quiet", "--initial-branch=main");
  for (const [branch, message] of [["main", "merged"], ["unreviewed", "not merged"]]) {
    if (branch !== "main") git("checkout", "--quiet", "-b", branch);
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "--quiet", "--allow-empty", "-m", message);
  }
  const [merged, unmerged] = [git("rev-parse", "main"), git("rev-parse", "unreviewed")];
  git("update-ref", "refs/remotes/origin/main", merged);
  afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

  const run = (checkout: string, env: Record<string, string>) => {
    git("checkout", "--quiet", "--detach", checkout);
    const output = path.join(repo, ".output");
    fs.writeFileSync(output, "");
    const result = spawnSync("bash", ["-eo", "pipefail", "-c", resolve], { cwd: repo, env: { ...process.env, GITHUB_OUTPUT: output, REF: checkout, ...env }, encoding: "utf8" });
    return { status: result.status, output: fs.readFileSync(output, "utf8"), stdout: result.stdout };
  };

  it("outputs the full SHA of a commit on main", () => {
    expect(run(merged, { EVENT: "workflow_dispatch", FREEZE: "" })).toStrictEqual({ status: 0, output: `sha=${merged}\n`, stdout: "" });
  });

  it("fails a dispatch of a commit that is not on main, saying why", () => {
    const result = run(unmerged, { EVENT: "workflow_dispatch", FREEZE: "" });
    expect([result.status, result.output, result.stdout]).toStrictEqual([1, "", `::error::${unmerged} (${unmerged}) is not on main: only merged, reviewed commits deploy.\n`]);
  });

  it("fails a push while deploys are frozen, but not a dispatch (the rollback)", () => {
    expect(run(merged, { EVENT: "push", FREEZE: "true" }).status).toBe(1);
    expect(run(merged, { EVENT: "workflow_dispatch", FREEZE: "true" }).status).toBe(0);
  });
});

describe("runners and owners", () => {
  it("never runs a pull-request or drift job on a self-hosted label an environment applies from", () => {
    const targets = Object.values(deployTargets(platform));
    const appliers = new Set(targets.map((t) => t.runner).filter((label) => !/^(ubuntu|windows|macos)-/.test(label)));
    expect([...appliers]).toStrictEqual(["lakehouse-azure-prod"]);
    expect(targets.filter((t) => appliers.has(t.planRunner))).toStrictEqual([]);
    const runsOn = (file: string) => Object.values(workflow(file).jobs).map((j) => j["runs-on"]).filter(Boolean);
    for (const file of ["pull-request.yml", "drift.yml"]) {
      for (const label of runsOn(file)) expect(label === "ubuntu-latest" || /\.planRunner \}\}$/.test(String(label))).toBe(true);
    }
  });

  it("has CODEOWNERS own the workflows, guardrails, plan scripts and deploy rules", () => {
    const rules = fs
      .readFileSync(path.join(ROOT, ".github/CODEOWNERS"), "utf8")
      .split("\n")
      .filter((l) => l.trim() && !l.startsWith("#"))
      .map((l) => l.trim().split(/\s+/));
    const owners = (file: string) => {
      const match = rules.filter(([pattern]) => new RegExp(`^${pattern.replace(/^\//, "").replace(/\./g, "\\.").replace(/\*/g, "[^/]*")}${pattern.endsWith("/") ? "" : "$"}`).test(file)).pop();
      return match?.slice(1) ?? [];
    };
    const guarded = [".github/workflows/deploy.yml", ".github/actions/plan/action.yml", ".github/CODEOWNERS", "guardrails/stateful-resources.ts", "scripts/plan-gate.ts", "scripts/plan-summary.ts", "scripts/plan-failure.ts", "platform/rules/deploy.ts", "platform/rules/runner-labels.ts", "platform/schema/deploy.ts"];
    for (const file of guarded) expect([file, owners(file).length > 0]).toStrictEqual([file, true]);
    expect(owners("examples/retail.ts")).toStrictEqual([]);
  });
});
