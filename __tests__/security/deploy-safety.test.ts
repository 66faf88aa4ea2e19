/**
 * The deploy-safety properties of the workflows that a YAML assertion alone cannot show: the
 * scripts the comment and drift jobs run (executed here against fake GitHub APIs), the artifact,
 * freeze, lock and gate steps (run in bash over a fake stack, with stand-ins for aws and
 * terraform), the commit a deploy resolves (run in bash over a git repository), which workflows
 * may reach a self-hosted runner, runner separation, CODEOWNERS and the stateful-type list. One
 * describe per item of issue 25.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { load } from "js-yaml";
import { platform as logisticsInput } from "../../examples/logistics";
import { STATEFUL_RESOURCE_TYPES } from "../../guardrails/stateful-resources";
import { isHostedRunner } from "../../platform/schema/deploy";
import { trustConditions } from "../../scripts/deploy-trust";
import { planTargets, runsOn } from "../../scripts/plan-targets";
import { deployTargets } from "../../stacks/deploy-targets";
import { exampleInput, platform } from "../fixtures/platform";
import { resources, synthStacks } from "../stacks/example-stacks";

type Step = { id?: string; name?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> };
type Job = { "runs-on"?: unknown; if?: string; environment?: string; steps?: Step[] };
type Workflow = { on: unknown; jobs: Record<string, Job> };
const ROOT = path.join(__dirname, "../..");
const FIXTURES = path.join(ROOT, "__tests__/scripts/fixtures");
const WORKFLOWS = path.join(ROOT, ".github/workflows");
const workflowFiles = fs.readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));
const workflow = (name: string) => load(fs.readFileSync(path.join(WORKFLOWS, name), "utf8")) as Workflow;
const actionSteps = (name: string) => (load(fs.readFileSync(path.join(ROOT, ".github/actions", name, "action.yml"), "utf8")) as { runs: { steps: Step[] } }).runs.steps;
const stepOf = (action: string, name: string) => actionSteps(action).find((s) => s.id === name || s.name?.startsWith(name))?.run ?? "";
const scriptOf = (file: string, job: string) => String(workflow(file).jobs[job].steps?.find((s) => s.uses?.startsWith("actions/github-script@"))?.with?.script);
const stacks = Object.keys(deployTargets(platform));

/** A step's bash, run as GitHub runs it (bash -eo pipefail), with stand-ins first on the PATH. */
const bash = (script: string, cwd: string, env: Record<string, string>) =>
  spawnSync("bash", ["-eo", "pipefail", "-c", script], { cwd, env: { ...process.env, PATH: `${FAKES}:${process.env.PATH}`, ...env }, encoding: "utf8" });

// Stand-ins: `aws kms` wraps a data key by prefixing the key id and encryption context (and
// refuses to unwrap under another); `terraform` records its arguments and prints TF_SHOW_JSON for
// `show -json`.
const FAKES = fs.mkdtempSync(path.join(os.tmpdir(), "deploy-fakes-"));
fs.writeFileSync(
  path.join(FAKES, "aws"),
  `#!/usr/bin/env bash
set -euo pipefail
[ "$1" = kms ] || exit 2
op=$2; shift 2
key= ctx= file=
while [ $# -gt 0 ]; do
  case $1 in
    --key-id) key=$2; shift 2 ;;
    --plaintext|--ciphertext-blob) file=\${2#fileb://}; shift 2 ;;
    --encryption-context) ctx=$2; shift 2 ;;
    *) shift ;;
  esac
done
if [ "$op" = encrypt ]; then
  { printf '%s|%s|' "$key" "$ctx"; base64 -w0 "$file"; } | base64 -w0; echo
else
  IFS='|' read -r k c data < "$file" || true
  if [ "$k" != "$key" ] || [ "$c" != "$ctx" ]; then echo "AccessDeniedException" >&2; exit 254; fi
  echo "$data"
fi
`,
  { mode: 0o755 },
);
fs.writeFileSync(
  path.join(FAKES, "terraform"),
  `#!/usr/bin/env bash
echo "$*" >> "\${TF_CALLS:-/dev/null}"
case "$*" in *" show -json "*) cat "$TF_SHOW_JSON" ;; esac
`,
  { mode: 0o755 },
);
afterAll(() => fs.rmSync(FAKES, { recursive: true, force: true }));

/** A workspace like a runner's: the repository's scripts and dependencies, stack folders to fill. */
const workspaces: string[] = [];
function workspace() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "deploy-work-"));
  workspaces.push(work);
  for (const link of ["scripts", "node_modules"]) fs.symlinkSync(path.join(ROOT, link), path.join(work, link));
  return work;
}
afterAll(() => workspaces.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

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

describe("item 4: the plan artifact, tfplan encrypted to the stack's key (the deploy actions' steps, run in bash)", () => {
  const collect = stepOf("deploy-plan", "artifact");
  const verify = stepOf("deploy-apply", "Check the artifact is exactly");
  const open = stepOf("deploy-apply", "Decrypt the saved plan");
  const KEY = "arn:aws:kms:eu-west-1:111111111111:key/plan-artifacts";
  const SECRET = "PRIOR-STATE-AND-PLANNED-VALUES";

  function planned() {
    const work = workspace();
    const stack = path.join(work, "deploy/cdktf.out/stacks/aws-dev");
    fs.mkdirSync(path.join(stack, "assets/nb"), { recursive: true });
    fs.mkdirSync(path.join(stack, ".terraform"), { recursive: true });
    const files = { tfplan: `${SECRET} ${"x".repeat(5000)}`, "cdk.tf.json": "{}", ".terraform.lock.hcl": "lock", "assets/nb/bronze.py": "print(1)", "plan.json": SECRET, "plan.txt": SECRET, ".terraform/state": SECRET };
    for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(stack, file), text);
    fs.writeFileSync(path.join(work, "deploy/cdktf.out/deploy-targets.json"), "{}");
    const output = path.join(work, "output");
    const run = bash(collect, work, { STACK: "aws-dev", PLAN_ARTIFACT_KEY: KEY, GITHUB_OUTPUT: output });
    expect([run.status, run.stderr]).toStrictEqual([0, ""]);
    const digest = fs.readFileSync(output, "utf8").trim().replace(/^digest=/, "");
    // What download-artifact puts in place: the artifact folder's content under the stack folder.
    const applied = path.join(work, "cdktf.out/stacks/aws-dev");
    fs.mkdirSync(path.dirname(applied), { recursive: true });
    fs.cpSync(path.join(work, "tfplan-artifact"), applied, { recursive: true });
    return { work, applied, digest, tfplan: files.tfplan };
  }

  it("carries the plan encrypted, the configuration, notebooks, lock file and targets, and nothing in clear that holds state", () => {
    const { work, applied, digest, tfplan } = planned();
    const found = spawnSync("find", [".", "-type", "f"], { cwd: applied, encoding: "utf8" }).stdout.split("\n").filter(Boolean).sort();
    expect(found).toStrictEqual(["./.terraform.lock.hcl", "./SHA256SUMS", "./assets/nb/bronze.py", "./cdk.tf.json", "./deploy-targets.json", "./tfplan.enc", "./tfplan.key"]);
    expect(found.filter((f) => fs.readFileSync(path.join(applied, f)).includes(SECRET))).toStrictEqual([]);
    expect(bash(verify, work, { STACK: "aws-dev", DIGEST: digest }).status).toBe(0);
    expect(bash(open, work, { STACK: "aws-dev", PLAN_ARTIFACT_KEY: KEY }).status).toBe(0);
    expect(fs.readFileSync(path.join(applied, "tfplan"), "utf8")).toBe(tfplan);
  });

  it("fails the apply if a file was changed, added, or the checksum list swapped", () => {
    const cases: [string, (dir: string) => void][] = [
      ["changed", (dir) => fs.writeFileSync(path.join(dir, "tfplan.enc"), "other plan")],
      ["added", (dir) => fs.writeFileSync(path.join(dir, "extra.tf.json"), "{}")],
      ["list swapped", (dir) => fs.writeFileSync(path.join(dir, "SHA256SUMS"), "")],
    ];
    for (const [what, tamper] of cases) {
      const { work, applied, digest } = planned();
      tamper(applied);
      expect([what, bash(verify, work, { STACK: "aws-dev", DIGEST: digest }).status]).not.toStrictEqual([what, 0]);
    }
  });

  it("fails if decrypted under another key (only the stack's deploy identity can), or sealed without a key", () => {
    const { work } = planned();
    const other = bash(open, work, { STACK: "aws-dev", PLAN_ARTIFACT_KEY: `${KEY}-other` });
    expect([other.status === 0, other.stderr.includes("AccessDeniedException")]).toStrictEqual([false, true]);
    const unset = bash(collect, planned().work, { STACK: "aws-dev", PLAN_ARTIFACT_KEY: "", GITHUB_OUTPUT: "/dev/null" });
    expect([unset.status, unset.stderr.trim()]).toStrictEqual([1, "::error::PLAN_ARTIFACT_KEY is not set for aws-dev: give the stack's GitHub environments the variable (docs/deploying.md, 'The plan artifact')"]);
  });
});

describe("item 5: the commit a deploy resolves, and what the approver reads first (the test job's step, run in bash over a git repository)", () => {
  const resolve = workflow("deploy.yml").jobs.test.steps?.find((s) => s.id === "commit")?.run ?? "";
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), "resolve-"));
  const git = (args: string[], env: Record<string, string> = {}) => spawnSync("git", args, { cwd: repo, encoding: "utf8", env: { ...process.env, ...env } }).stdout.trim();
  const commit = (message: string, daysAgo = 0) => {
    const date = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
    git(["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "--quiet", "--allow-empty", "-m", message], { GIT_COMMITTER_DATE: date, GIT_AUTHOR_DATE: date });
    return git(["rev-parse", "HEAD"]);
  };
  git(["init", "--quiet", "--initial-branch=main"]);
  const old = commit("known good", 10);
  commit("later");
  const head = commit("main's head");
  git(["checkout", "--quiet", "-b", "unreviewed"]);
  const unmerged = commit("not merged");
  git(["update-ref", "refs/remotes/origin/main", head]);
  afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

  const run = (checkout: string, env: Record<string, string>) => {
    git(["checkout", "--quiet", "--detach", checkout]);
    const [output, summary] = [path.join(repo, ".output"), path.join(repo, ".summary")];
    fs.writeFileSync(output, "");
    fs.writeFileSync(summary, "");
    const result = spawnSync("bash", ["-eo", "pipefail", "-c", resolve], { cwd: repo, env: { ...process.env, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, REF: checkout, ...env }, encoding: "utf8" });
    return { status: result.status, output: fs.readFileSync(output, "utf8"), summary: fs.readFileSync(summary, "utf8"), stdout: result.stdout };
  };

  it("outputs the full SHA of a commit on main", () => {
    expect(run(head, { EVENT: "push", FREEZE: "" })).toStrictEqual({
      status: 0,
      output: `sha=${head}\nabout=**Push: deploys \`${head}\`**, the pushed commit.\n`,
      summary: `**Push: deploys \`${head}\`**, the pushed commit.\n\n`,
      stdout: "",
    });
  });

  it("puts a dispatch's commit, its age and its distance behind main first in the summary", () => {
    const result = run(old, { EVENT: "workflow_dispatch", FREEZE: "" });
    expect(result.summary).toMatch(new RegExp(`^\\*\\*Dispatch of \`${old}\`: deploys \`${old}\`\\*\\*, committed \\S+ \\(10 days ago\\), 2 commits behind main\\.\n\n$`));
    expect(result.output).toBe(`sha=${old}\nabout=${result.summary.trim()}\n`);
  });

  it("fails a dispatch of a commit that is not on main, saying why", () => {
    const result = run(unmerged, { EVENT: "workflow_dispatch", FREEZE: "" });
    expect([result.status, result.output, result.stdout]).toStrictEqual([1, "", `::error::${unmerged} (${unmerged}) is not on main: only merged, reviewed commits deploy.\n`]);
  });

  it("fails a push while deploys are frozen, but not a dispatch (the rollback)", () => {
    expect(run(head, { EVENT: "push", FREEZE: "true" }).status).toBe(1);
    expect(run(head, { EVENT: "workflow_dispatch", FREEZE: "true" }).status).toBe(0);
  });

  it("reviews every dispatch: a stateful destroy through <stack>-destroy, any other rollback through <stack>-rollback", () => {
    const deploy = workflow("deploy.yml");
    for (const stack of stacks) {
      expect(deploy.jobs[`apply-${stack}`].environment).toBe(`\${{ github.event_name == 'push' && '${stack}' || (inputs.allow-stateful-destroy && '${stack}-destroy' || '${stack}-rollback') }}`);
    }
    const plan = actionSteps("deploy-plan");
    expect(plan.slice(0, 2).map((s) => s.name)).toStrictEqual(["Check deploys are not frozen", "Say which commit is deployed, first in the summary"]);
    expect(plan[1].run).toBe('printf \'%s\\n\\n\' "$ABOUT" >> "$GITHUB_STEP_SUMMARY"');
  });
});

/** Jobs of a callable workflow that reach a runner other than GitHub's without refusing every caller but deploy.yml on main. */
const DEPLOY_MAIN = "github.workflow_ref == format('{0}/.github/workflows/deploy.yml@refs/heads/main', github.repository)";
function callableDeployJobs(wf: Workflow): string[] {
  const triggers = typeof wf.on === "string" ? [wf.on] : Array.isArray(wf.on) ? wf.on : Object.keys(wf.on as object);
  if (!triggers.includes("workflow_call")) return [];
  const hosted = (runsOn: unknown) => typeof runsOn === "string" && isHostedRunner(runsOn);
  return Object.entries(wf.jobs)
    .filter(([, job]) => !hosted(job["runs-on"]) && !(job.if ?? "").includes(DEPLOY_MAIN))
    .map(([id]) => id);
}

describe("item 1: deploy jobs only in the workflow that is never called", () => {
  it("fails if any workflow_call workflow runs a job on a self-hosted (or input-chosen) runner without refusing callers other than deploy.yml@main", () => {
    expect(workflowFiles.flatMap((file) => callableDeployJobs(workflow(file)).map((job) => `${file}: ${job}`))).toStrictEqual([]);
    // The checker itself: round 2's deploy-stack.yml, whose runner was an input, is caught; the guard clears it.
    const called = (guard: string) =>
      load(`on:\n  workflow_call:\n    inputs:\n      runner: {type: string, required: true}\njobs:\n  plan:\n    runs-on: \${{ inputs.runner }}\n${guard}    steps: [{run: "true"}]\n  lint:\n    runs-on: ubuntu-latest\n    steps: [{run: "true"}]\n`) as Workflow;
    expect(callableDeployJobs(called(""))).toStrictEqual(["plan"]);
    expect(callableDeployJobs(called(`    if: \${{ ${DEPLOY_MAIN} }}\n`))).toStrictEqual([]);
  });

  it("has no workflow_call at all, and takes no runner or environment from an input", () => {
    for (const file of workflowFiles) {
      const wf = workflow(file);
      expect([file, Object.keys(wf.on as object).includes("workflow_call")]).toStrictEqual([file, false]);
      for (const [id, job] of Object.entries(wf.jobs)) {
        expect([file, id, JSON.stringify(job["runs-on"] ?? "").includes("inputs.")]).toStrictEqual([file, id, false]);
        expect([file, id, (job.environment ?? "").replace("inputs.allow-stateful-destroy &&", "").includes("inputs.")]).toStrictEqual([file, id, false]);
      }
    }
  });

  it("fixes each stack's runner and environments in deploy.yml, keyed by the stack's name, as the spec names them", () => {
    const deploy = workflow("deploy.yml");
    const targets = deployTargets(platform);
    for (const stack of stacks) {
      const [plan, apply] = [deploy.jobs[`plan-${stack}`], deploy.jobs[`apply-${stack}`]];
      expect([stack, plan["runs-on"], apply["runs-on"], plan.environment]).toStrictEqual([stack, runsOn(targets[stack].runner), runsOn(targets[stack].runner), `${stack}-plan`]);
      for (const job of [plan, apply]) expect(job.steps?.find((s) => s.uses?.startsWith("./.github/actions/deploy-"))?.with?.stack).toBe(stack);
    }
  });

  it("trusts each deploy identity only to deploy.yml on main, in the stack's own environments (the generated cloud-side conditions)", () => {
    const trust = trustConditions("o/r", deployTargets(platform));
    const deployMain = (env: string) => `repo:o/r:environment:${env}:job_workflow_ref:o/r/.github/workflows/deploy.yml@refs/heads/main`;
    expect(trust["aws-prod"]).toStrictEqual([
      { identity: "aws-prod deploy", subjects: ["aws-prod", "aws-prod-rollback", "aws-prod-destroy"].map(deployMain) },
      { identity: "aws-prod plan (read-only)", subjects: [deployMain("aws-prod-plan"), "repo:o/r:environment:aws-prod-plan:job_workflow_ref:o/r/.github/workflows/drift.yml@refs/heads/main"] },
      { identity: "aws-prod pull-request plan (read-only)", subjects: ["repo:o/r:environment:aws-prod-pr-plan:job_workflow_ref:o/r/.github/workflows/pull-request.yml@refs/pull/*/merge"] },
    ]);
    expect(trust["azure-prod"].map((t) => t.identity)).toStrictEqual(["azure-prod deploy", "azure-prod plan (read-only)"]);
  });
});

describe("item 2: no pull-request code on a runner inside a private network", () => {
  it("plans in pull requests only the stacks that deploy from GitHub-hosted runners; the private one is planned at deploy time", () => {
    const targets = planTargets(deployTargets(platform));
    expect([targets.pullRequest, targets.deployTime]).toStrictEqual([["aws-dev", "aws-prod", "aws-staging", "azure-dev", "azure-staging"], ["azure-prod"]]);
    for (const [id, job] of Object.entries(workflow("pull-request.yml").jobs)) expect([id, job["runs-on"]]).toStrictEqual([id, "ubuntu-latest"]);
  });

  it("says in the pull request where a private stack's plan is shown (the comment job's script, executed)", async () => {
    const { calls } = await runScript(scriptOf("pull-request.yml", "comment"), {}, { STACKS: JSON.stringify(["aws-dev"]), DEPLOY_TIME: JSON.stringify(["azure-prod"]) });
    expect(String(calls[0][1].body).split("\n").slice(3, 5)).toStrictEqual([
      "- `aws-dev`: ⛔ no plan: the job failed or was skipped before Terraform planned (synth, login, init or the environment's approval); see the run",
      "- `azure-prod`: not planned here (private network): its deploy run shows the plan before the approval",
    ]);
  });
});

describe("item 3: the gate runs again where no deployed code runs", () => {
  const gate = (plan: string, ...flags: string[]) =>
    spawnSync("npx", ["tsx", "scripts/plan-gate.ts", path.join(FIXTURES, `${plan}.plan.json`), "aws-staging", ...flags], { cwd: ROOT, encoding: "utf8", env: { ...process.env, DEPLOY_TARGETS: "/nonexistent" } });
  const verdictOf = (plan: string) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "verdict-")), "verdict.txt");
    expect(gate(plan, "--verdict-file", file).status).toBe(0);
    return fs.readFileSync(file, "utf8").trim();
  };

  it("fails the apply when the plan.json the plan job gated is not the one its tfplan renders (scripts/plan-gate.ts on fixtures)", () => {
    // Both plans pass the gate alone: only the comparison catches the swap.
    const shown = verdictOf("terraform-data");
    const applied = gate("aws-staging-pipeline-change", "--expect-verdict", shown);
    expect([applied.status, applied.stderr.trim()]).toStrictEqual([3, expect.stringMatching(/^::error::the gate's verdict on the plan being applied \([0-9a-f]{64}\) differs from the plan job's \([0-9a-f]{64}\): what was shown is not what this tfplan does; nothing was applied$/)]);
    expect(gate("terraform-data", "--expect-verdict", shown).status).toBe(0);
  });

  it("re-renders plan.json from the tfplan with terraform and compares verdicts (the apply step, run in bash)", () => {
    const step = stepOf("deploy-apply", "Re-render plan.json");
    const work = workspace();
    fs.mkdirSync(path.join(work, "cdktf.out/stacks/aws-staging"), { recursive: true });
    const calls = path.join(work, "terraform-calls");
    const apply = (rendered: string, verdict: string) =>
      bash(step, work, { STACK: "aws-staging", ALLOW: "false", VERDICT: verdict, TF_SHOW_JSON: path.join(FIXTURES, `${rendered}.plan.json`), TF_CALLS: calls, GITHUB_STEP_SUMMARY: path.join(work, "summary") });
    const shown = verdictOf("terraform-data");
    expect(apply("terraform-data", shown).status).toBe(0);
    expect(apply("aws-staging-pipeline-change", shown).status).toBe(3);
    expect(fs.readFileSync(calls, "utf8").split("\n").filter(Boolean)).toStrictEqual(Array(2).fill("-chdir=cdktf.out/stacks/aws-staging show -json tfplan"));
  });

  it("fails the apply on a verdict argument that is not a sha256", () => {
    expect(gate("terraform-data", "--expect-verdict", "").status).toBe(2);
  });
});

describe("item 6: the low items", () => {
  it.each(["deploy-plan", "deploy-apply"])("%s checks the freeze first: a push stops while DEPLOY_FREEZE is true, a dispatch goes on", (action) => {
    const [first] = actionSteps(action);
    expect(first.name).toBe("Check deploys are not frozen");
    const run = (event: string, freeze: string) => bash(first.run ?? "", os.tmpdir(), { EVENT: event, FREEZE: freeze }).status;
    expect([run("push", "true"), run("push", ""), run("workflow_dispatch", "true")]).toStrictEqual([1, 0, 0]);
    for (const [id, job] of Object.entries(workflow("deploy.yml").jobs).filter(([id]) => id !== "test")) {
      expect([id, job.steps?.find((s) => s.uses === `./.github/actions/${id.split("-")[0] === "plan" ? "deploy-plan" : "deploy-apply"}`)?.with?.freeze]).toStrictEqual([id, "${{ vars.DEPLOY_FREEZE }}"]);
    }
  });

  it("plans only with the committed provider lock, read-only, and fails clearly without one (the init step, run in bash)", () => {
    const init = stepOf("plan", "terraform init");
    const work = workspace();
    fs.mkdirSync(path.join(work, "deploy/cdktf.out/stacks/aws-dev"), { recursive: true });
    const calls = path.join(work, "terraform-calls");
    const missing = bash(init, work, { STACK: "aws-dev", DIR: "deploy", TF_CALLS: calls });
    expect([missing.status, missing.stdout.trim()]).toStrictEqual([
      1,
      "::error::no provider lock file for aws-dev at .github/terraform-locks/aws-dev.terraform.lock.hcl in the planned commit: a maintainer with registry access commits it (docs/deploying.md, 'Provider lock files')",
    ]);
    fs.mkdirSync(path.join(work, "deploy/.github/terraform-locks"), { recursive: true });
    fs.writeFileSync(path.join(work, "deploy/.github/terraform-locks/aws-dev.terraform.lock.hcl"), "# locked");
    expect(bash(init, work, { STACK: "aws-dev", DIR: "deploy", TF_CALLS: calls }).status).toBe(0);
    expect(fs.readFileSync(path.join(work, "deploy/cdktf.out/stacks/aws-dev/.terraform.lock.hcl"), "utf8")).toBe("# locked");
    expect(fs.readFileSync(calls, "utf8")).toBe("-chdir=deploy/cdktf.out/stacks/aws-dev init -input=false -lockfile=readonly\n");
  });

  it("keeps a production plan's text out of pull-request comments and summaries: counts and verdict only (the gate step, run in bash)", () => {
    const step = stepOf("plan", "gate");
    const work = workspace();
    const dir = path.join(work, "cdktf.out/stacks/aws-prod");
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(path.join(FIXTURES, "aws-staging-pipeline-change.plan.json"), path.join(dir, "plan.json"));
    fs.writeFileSync(path.join(dir, "plan.txt"), "arn:aws:iam::111111111111:role/secret-policy");
    const run = (planText: string) => {
      const summary = path.join(work, `summary-${planText}`);
      const result = bash(step, work, { STACK: "aws-prod", DIR: ".", ALLOW: "false", PLAN_TEXT: planText, GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: path.join(work, "output") });
      return { status: result.status, summary: fs.readFileSync(summary, "utf8"), comment: fs.readFileSync(path.join(dir, "plan-comment.md"), "utf8") };
    };
    const pr = run("false");
    expect(pr.status).toBe(0);
    expect(pr.comment.split("\n")).toStrictEqual([expect.stringMatching(/^### Plan for `aws-prod`: \d+ to create/), "", "✅ gate passed: no stateful resource is destroyed or replaced", ""]);
    expect(pr.summary).not.toContain("arn:aws:iam");
    expect(run("true").summary).toContain("arn:aws:iam::111111111111:role/secret-policy");
  });

  it("names a self-hosted runner only inside its runner group: runs-on {group, labels}", () => {
    expect([runsOn("ubuntu-latest"), runsOn("lakehouse-azure-prod")]).toStrictEqual(["ubuntu-latest", { group: "lakehouse-azure-prod", labels: ["lakehouse-azure-prod"] }]);
    const literal = Object.values(workflow("deploy.yml").jobs).map((j) => j["runs-on"]).filter((r) => !(typeof r === "string" && isHostedRunner(r)));
    expect(literal.length).toBeGreaterThan(0);
    for (const r of literal) expect(r).toStrictEqual({ group: "lakehouse-azure-prod", labels: ["lakehouse-azure-prod"] });
    expect(planTargets(deployTargets(platform)).driftRunner["azure-prod"]).toStrictEqual({ group: "lakehouse-azure-prod-plan", labels: ["lakehouse-azure-prod-plan"] });
  });

  describe("over every stack both examples synthesize", () => {
    const synthesized = [...synthStacks(exampleInput()).values(), ...synthStacks(logisticsInput).values()];
    const types = new Set(synthesized.flatMap(resources).map(([type]) => type));

    it("pins every provider to one exact version (the lock files then hold one hash set each)", () => {
      const versions = synthesized.flatMap((s) => Object.entries((s.terraform as unknown as { required_providers: Record<string, { version: string }> }).required_providers));
      expect(versions.filter(([, p]) => !/^\d+\.\d+\.\d+$/.test(p.version))).toStrictEqual([]);
      expect(Object.fromEntries(versions.map(([name, p]) => [name, p.version]))).toStrictEqual({ aws: "6.25.0", azurerm: "4.55.0", databricks: "1.99.0", time: "0.13.1" });
    });

    // Every other synthesized type, reviewed: re-creating one loses no data or identity.
    const STATELESS = [
      // AWS: policies, bucket settings, the network and its routes (re-created in place), keys' aliases, budgets.
      "aws_budgets_budget", "aws_default_security_group", "aws_eip", "aws_flow_log", "aws_iam_policy", "aws_iam_role_policy", "aws_iam_role_policy_attachment",
      "aws_internet_gateway", "aws_kms_alias", "aws_nat_gateway", "aws_route_table", "aws_route_table_association", "aws_s3_bucket_lifecycle_configuration",
      "aws_s3_bucket_logging", "aws_s3_bucket_ownership_controls", "aws_s3_bucket_policy", "aws_s3_bucket_public_access_block",
      "aws_s3_bucket_replication_configuration", "aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_versioning", "aws_security_group", "aws_subnet", "aws_vpc", "aws_vpc_endpoint",
      "aws_vpc_security_group_egress_rule", "aws_vpc_security_group_ingress_rule",
      // Azure: budgets, the DBFS key binding, diagnostics, the network, DNS, endpoints, role assignments, lifecycle policy.
      "azurerm_consumption_budget_resource_group", "azurerm_databricks_workspace_root_dbfs_customer_managed_key", "azurerm_monitor_diagnostic_setting",
      "azurerm_network_security_group", "azurerm_private_dns_zone", "azurerm_private_dns_zone_virtual_network_link", "azurerm_private_endpoint",
      "azurerm_role_assignment", "azurerm_storage_management_policy", "azurerm_subnet", "azurerm_subnet_network_security_group_association", "azurerm_virtual_network",
      // Databricks: settings, policies, grants and permissions, compute, generated code and files, jobs, SQL objects, log delivery and networking
      // registrations, the DR share (re-created from the spec with the same name and schemas, it holds no data).
      "databricks_alert", "databricks_budget", "databricks_cluster_policy", "databricks_compliance_security_profile_workspace_setting", "databricks_dashboard",
      "databricks_directory", "databricks_disable_legacy_access_setting", "databricks_disable_legacy_dbfs_setting", "databricks_enhanced_security_monitoring_workspace_setting",
      "databricks_grant", "databricks_grants", "databricks_instance_pool", "databricks_ip_access_list", "databricks_job", "databricks_mws_log_delivery", "databricks_mws_networks",
      "databricks_mws_permission_assignment",
      "databricks_mws_private_access_settings", "databricks_mws_vpc_endpoint", "databricks_notebook", "databricks_permissions", "databricks_query",
      "databricks_share", "databricks_sql_endpoint", "databricks_system_schema", "databricks_workspace_conf", "databricks_workspace_file",
      "time_sleep",
    ];

    it("classifies every resource type they synthesize: the stateful list holds each one that keeps data or identity", () => {
      const stateful = [...types].filter((t) => STATEFUL_RESOURCE_TYPES.has(t)).sort();
      expect(stateful).toStrictEqual([
        "aws_iam_role", "aws_kms_key", "aws_s3_bucket", "azurerm_databricks_access_connector", "azurerm_databricks_workspace", "azurerm_log_analytics_workspace",
        "azurerm_resource_group", "azurerm_storage_account", "azurerm_storage_container", "azurerm_user_assigned_identity", "databricks_catalog",
        "databricks_external_location", "databricks_metastore_assignment", "databricks_mlflow_experiment", "databricks_mws_credentials",
        "databricks_mws_customer_managed_keys", "databricks_mws_storage_configurations", "databricks_mws_workspaces", "databricks_recipient",
        "databricks_registered_model", "databricks_schema", "databricks_storage_credential", "databricks_volume",
      ]);
      expect([...types].filter((t) => !STATEFUL_RESOURCE_TYPES.has(t) && !STATELESS.includes(t)).sort()).toStrictEqual([]);
      expect(STATELESS.filter((t) => STATEFUL_RESOURCE_TYPES.has(t) || !types.has(t))).toStrictEqual([]);
    });
  });
});

describe("runners and owners", () => {
  it("never runs a pull-request or drift job on a self-hosted label an environment applies from", () => {
    const targets = Object.values(deployTargets(platform));
    const appliers = new Set(targets.map((t) => t.runner).filter((label) => !isHostedRunner(label)));
    expect([...appliers]).toStrictEqual(["lakehouse-azure-prod"]);
    expect(targets.filter((t) => appliers.has(t.planRunner))).toStrictEqual([]);
    expect(Object.values(workflow("drift.yml").jobs).map((j) => j["runs-on"])).toStrictEqual(["ubuntu-latest", "${{ fromJSON(needs.targets.outputs.runners)[matrix.stack] }}", "ubuntu-latest"]);
  });

  const rules = fs
    .readFileSync(path.join(ROOT, ".github/CODEOWNERS"), "utf8")
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("#"))
    .map((l) => l.trim().split(/\s+/));
  const owners = (file: string) => {
    const match = rules.filter(([pattern]) => (pattern === "*" ? true : new RegExp(`^${pattern.replace(/^\//, "").replace(/\./g, "\\.").replace(/\*/g, "[^/]*")}${pattern.endsWith("/") ? "" : "$"}`).test(file))).pop();
    return match?.slice(1) ?? [];
  };

  it("item 3: has CODEOWNERS own every file, whatever runs before the gate (package.json, main.ts, stacks/, the spec, platform/)", () => {
    const files = spawnSync("git", ["ls-files"], { cwd: ROOT, encoding: "utf8" }).stdout.split("\n").filter(Boolean);
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((f) => owners(f).length === 0)).toStrictEqual([]);
    for (const file of ["package.json", "package-lock.json", "main.ts", "stacks/app.ts", "examples/retail.ts", "platform/rules/index.ts", ".github/workflows/deploy.yml", "scripts/plan-gate.ts"]) {
      expect([file, owners(file)]).toStrictEqual([file, ["@lakehouse-as-code/platform-maintainers"]]);
    }
  });

  it("item 3: lists in docs/deploying.md what only GitHub settings can hold, as a checklist", () => {
    const docs = fs.readFileSync(path.join(ROOT, "docs/deploying.md"), "utf8");
    const checklist = docs.split("\n").filter((l) => l.startsWith("- [ ] ")).join("\n");
    for (const setting of [
      "Dismiss stale pull request approvals when new commits are pushed",
      "Require approval of the most recent reviewable push",
      "Require review from Code Owners",
      "Do not allow bypassing the above settings",
      "Prevent self-review",
      "`<stack>-destroy`",
      "`<stack>-rollback`",
      "runner group",
      "job_workflow_ref",
    ]) {
      expect([setting, checklist.includes(setting)]).toStrictEqual([setting, true]);
    }
  });
});
