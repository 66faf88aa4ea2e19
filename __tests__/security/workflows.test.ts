import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { load } from "js-yaml";
import { retailPlatform } from "../../examples/retail";
import { stackName } from "../../naming";
import { validatePlatform } from "../../platform";
import { TERRAFORM_VERSION } from "../../stacks/terraform-version";

type Step = { id?: string; name?: string; uses?: string; run?: string; with?: Record<string, unknown>; if?: string; env?: Record<string, string>; shell?: string; "working-directory"?: string };
type Job = {
  name?: string;
  needs?: string[];
  if?: string;
  uses?: string;
  with?: Record<string, unknown>;
  "runs-on"?: string | { group: string; labels: string[] };
  environment?: string;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  outputs?: Record<string, string>;
  steps?: Step[];
  strategy?: { matrix: Record<string, unknown> };
};
type Workflow = { on: Record<string, unknown>; permissions: Record<string, string>; concurrency: { group: string; "cancel-in-progress": boolean }; jobs: Record<string, Job> };
type Action = { inputs?: Record<string, { default?: string }>; runs: { steps: Step[] } };

const ROOT = path.join(__dirname, "../..");
const GITHUB = path.join(ROOT, ".github");
const WORKFLOWS = path.join(GITHUB, "workflows");
const read = (file: string) => fs.readFileSync(file, "utf8");
const workflowFiles = fs.readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(WORKFLOWS, f));
const actionFiles = fs.readdirSync(path.join(GITHUB, "actions")).map((d) => path.join(GITHUB, "actions", d, "action.yml"));
const workflow = (name: string) => load(read(path.join(WORKFLOWS, name))) as Workflow;
const action = (name: string) => load(read(path.join(GITHUB, "actions", name, "action.yml"))) as Action;
const stacks = validatePlatform(retailPlatform).environments.map(stackName);
const allText = [...workflowFiles, ...actionFiles].map(read).join("\n");

// actionlint from .tools (scripts/setup-actionlint.mjs) and shellcheck from .venv (requirements.txt); npm test installs both first.
const SHELLCHECK = path.join(ROOT, ".venv/bin/shellcheck");
type LintError = { message: string; filepath: string; line: number; kind: string };
function actionlint(files: string[]): LintError[] {
  const bin = path.join(ROOT, ".tools/bin/actionlint");
  for (const tool of [bin, SHELLCHECK]) {
    if (!fs.existsSync(tool)) throw new Error(`${tool} is missing: run \`node scripts/setup-python.mjs && node scripts/setup-actionlint.mjs\` (npm test does)`);
  }
  const run = spawnSync(bin, ["-format", "{{json .}}", "-shellcheck", SHELLCHECK, "-pyflakes=", ...files], { cwd: ROOT, encoding: "utf8" });
  if (run.status !== 0 && run.status !== 1) throw new Error(`actionlint failed to run: ${run.stderr}`);
  return JSON.parse(run.stdout || "[]") as LintError[];
}

describe("GitHub workflows", () => {
  it("pass actionlint (with shellcheck over every run: script) with zero findings", () => {
    expect(workflowFiles.length).toBeGreaterThanOrEqual(3);
    expect(actionlint(workflowFiles).map((e) => `${path.basename(e.filepath)}:${e.line} ${e.message}`)).toStrictEqual([]);
  });

  it("fails if a workflow is broken: the linter really runs", () => {
    const broken = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lint-")), "broken.yml");
    fs.writeFileSync(broken, "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_such_field }}\n");
    expect(actionlint([broken]).map((e) => e.kind)).toStrictEqual(["expression"]);
  });

  it("composite actions' scripts pass shellcheck", () => {
    const scripts = actionFiles.flatMap((f) => (load(read(f)) as Action).runs.steps.filter((s) => s.run).map((s) => s.run as string));
    expect(scripts.length).toBeGreaterThan(5);
    for (const script of scripts) {
      // ${{ }} expressions are replaced by GitHub before bash runs; scripts here take inputs through env.
      expect(script).not.toContain("${{");
      const check = spawnSync(SHELLCHECK, ["--shell=bash", "-"], { input: script, encoding: "utf8" });
      expect(check.stdout).toBe("");
    }
  });

  it("CI shell scripts (scripts/*.sh) pass shellcheck", () => {
    const scripts = fs.readdirSync(path.join(ROOT, "scripts")).filter((f) => f.endsWith(".sh"));
    expect(scripts).toContain("plan-artifact.sh");
    for (const script of scripts) expect([script, spawnSync(SHELLCHECK, [path.join(ROOT, "scripts", script)], { encoding: "utf8" }).stdout]).toStrictEqual([script, ""]);
  });

  it("pin every third-party action to a full commit SHA with its version in a comment, one SHA per action", () => {
    const uses = [...allText.matchAll(/uses:\s*(\S+)(.*)$/gm)].map((m) => [m[1], m[2].trim()] as const);
    expect(uses.length).toBeGreaterThan(20);
    const shaOf = new Map<string, string>();
    for (const [ref, comment] of uses) {
      if (ref.startsWith("./")) continue;
      expect(`${ref} ${comment}`).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
      const [name, sha] = ref.split("@");
      expect(shaOf.get(name) ?? sha).toBe(sha);
      shaOf.set(name, sha);
    }
  });

  it("have Dependabot keep the action pins (workflows and composite actions) and npm up to date", () => {
    const config = load(read(path.join(GITHUB, "dependabot.yml"))) as { updates: { "package-ecosystem": string; directory?: string; directories?: string[] }[] };
    const byEcosystem = Object.fromEntries(config.updates.map((u) => [u["package-ecosystem"], u.directories ?? [u.directory]]));
    expect(byEcosystem).toStrictEqual({ "github-actions": ["/", "/.github/actions/*"], npm: ["/"] });
  });

  it("hold no stored secret: every cloud login is OIDC, and no workflow reads the secrets context", () => {
    expect(allText).not.toMatch(/secrets\.|secrets\[|secrets: inherit|aws-access-key-id|aws-secret-access-key|client-secret|CLIENT_SECRET|creds:/);
    const login = action("cloud-login").runs.steps;
    expect(login.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"))?.with).toMatchObject({ "role-to-assume": "${{ inputs.aws-role-arn }}" });
    expect(Object.keys(login.find((s) => s.uses?.startsWith("azure/login@"))?.with ?? {}).sort()).toStrictEqual(["client-id", "subscription-id", "tenant-id"]);
    expect(login.find((s) => s.name?.startsWith("Databricks workload identity"))?.run).toContain("DATABRICKS_AUTH_TYPE=github-oidc");
  });

  // Any step of a job with id-token: write can mint the job's identity, whatever runs first; what
  // holds is which environment (and so which OIDC subject and protection rules) a workflow may name.
  it("name environments so a pull request reaches only the -pr-plan identities, and deploys and drift never do", () => {
    const environments = (file: string) => Object.values(workflow(file).jobs).map((j) => j.environment).filter(Boolean);
    expect(environments("pull-request.yml")).toStrictEqual(["${{ matrix.stack }}-pr-plan"]);
    expect(environments("drift.yml")).toStrictEqual(["${{ matrix.stack }}-plan"]);
    expect(environments("deploy.yml").filter((e) => !String(e).startsWith("${{"))).toStrictEqual(stacks.map((s) => `${s}-plan`));
    const minting = (file: string) => Object.entries(workflow(file).jobs).filter(([, j]) => j.permissions?.["id-token"] === "write").map(([id, j]) => [id, Boolean(j.environment)]);
    for (const file of ["pull-request.yml", "drift.yml", "deploy.yml"]) for (const [, named] of minting(file)) expect(named).toBe(true);
  });

  it("install the one Terraform every stack requires", () => {
    const setup = action("prepare").runs.steps.find((s) => s.uses?.startsWith("hashicorp/setup-terraform@"));
    expect(setup?.with).toStrictEqual({ terraform_version: TERRAFORM_VERSION, terraform_wrapper: false });
  });

  it("synthesize strictly wherever a real plan follows, with placeholders only where nothing is planned", () => {
    expect(action("plan").runs.steps.find((s) => s.run?.includes("npm run --silent synth"))?.env).toMatchObject({ LAKEHOUSE_STRICT: "1" });
    for (const [file, job] of [["pull-request.yml", "security-scan"], ["drift.yml", "targets"]]) {
      expect(workflow(file).jobs[job].steps?.find((s) => s.run === "npm run --silent synth")?.env).toStrictEqual({ LAKEHOUSE_PLACEHOLDERS: "1" });
    }
    expect(allText.match(/LAKEHOUSE_PLACEHOLDERS/g)).toHaveLength(2);
  });

  it("plan read-only and apply only the saved plan, checking state versioning first", () => {
    const plan = action("plan").runs.steps;
    expect(plan.find((s) => s.id === "plan")?.run).toMatch(/plan -input=false -lock=false -detailed-exitcode -out=tfplan 2> "\$dir\/plan-error.txt"/);
    expect(plan.find((s) => s.name?.startsWith("Check that the state keeps every version"))?.run).toMatch(/get-bucket-versioning[\s\S]*isVersioningEnabled/);
    expect(plan.find((s) => s.name === "Plan summary and destroy gate")?.run).toMatch(/npx tsx scripts\/plan-gate.ts[\s\S]*GITHUB_STEP_SUMMARY/);
  });

  it("say why a plan failed, in the job summary and the comment's plan-comment.md, then fail", () => {
    const run = action("plan").runs.steps.find((s) => s.id === "plan")?.run ?? "";
    expect(run).toMatch(/\*\)\n\s+npx tsx scripts\/plan-failure.ts "\$STACK" "\$dir\/plan-error.txt" "\$code" \| tee -a "\$GITHUB_STEP_SUMMARY" > "\$dir\/plan-failure.md"\n\s+head -n 3 "\$dir\/plan-failure.md" > "\$dir\/plan-comment.md"\n\s+exit "\$code"/);
  });

  it("run every step under bash -eo pipefail, so a failure before a pipe (e.g. npm run diff | tee) fails the step", () => {
    for (const file of workflowFiles) expect((load(read(file)) as { defaults?: unknown }).defaults).toStrictEqual({ run: { shell: "bash" } });
  });

  it("upload every artifact overwritably, so a re-run job does not fail on its name", () => {
    const steps = [...workflowFiles.flatMap((f) => Object.values((load(read(f)) as Workflow).jobs).flatMap((j) => j.steps ?? [])), ...actionFiles.flatMap((f) => (load(read(f)) as Action).runs.steps)];
    const uploads = steps.filter((s) => s.uses?.startsWith("actions/upload-artifact@"));
    expect(uploads.length).toBeGreaterThanOrEqual(5);
    for (const upload of uploads) expect([upload.with?.name, upload.with?.overwrite]).toStrictEqual([upload.with?.name, true]);
  });
});

describe("pull-request workflow", () => {
  const pr = workflow("pull-request.yml");
  const sameRepo = "github.event.pull_request.head.repo.full_name == github.repository && github.event.pull_request.user.login != 'dependabot[bot]'";

  it("runs on pull requests with read-only defaults and one concurrency group per PR", () => {
    expect(Object.keys(pr.on)).toStrictEqual(["pull_request"]);
    expect(pr.permissions).toStrictEqual({ contents: "read" });
    expect(pr.concurrency).toStrictEqual({ group: "pull-request-${{ github.event.pull_request.number }}", "cancel-in-progress": true });
  });

  it("installs Node 20 with the npm cache, Python 3.11 and Java 17, then runs npm ci and npm test", () => {
    const steps = pr.jobs.test.steps ?? [];
    const named = (prefix: string) => steps.find((s) => s.uses?.startsWith(prefix))?.with;
    expect(steps.map((s) => s.run)).toEqual(expect.arrayContaining(["npm ci --no-audit --no-fund", "npm test"]));
    expect([named("actions/setup-node@"), named("actions/setup-python@"), named("actions/setup-java@")]).toStrictEqual([
      { "node-version": 20, cache: "npm" },
      { "python-version": "3.11" },
      { distribution: "temurin", "java-version": "17" },
    ]);
    expect(pr.jobs.test.permissions).toBeUndefined();
  });

  it("uploads the checkov SARIF to code scanning from the only job allowed to write security events", () => {
    const scan = pr.jobs["security-scan"];
    expect(scan.permissions).toStrictEqual({ contents: "read", "security-events": "write" });
    expect(scan.steps?.some((s) => s.run?.includes("security/scan.py --sarif checkov.sarif"))).toBe(true);
    const upload = scan.steps?.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
    expect(upload?.with).toMatchObject({ sarif_file: "checkov.sarif" });
    expect(upload?.if).toContain("!cancelled()");
    expect(Object.entries(pr.jobs).filter(([, job]) => job.permissions?.["security-events"]).map(([id]) => id)).toStrictEqual(["security-scan"]);
  });

  it("plans every stack the spec lets pull requests plan, as its pull-request plan environment, on a GitHub-hosted runner, without PR write access", () => {
    const plan = pr.jobs.plan;
    expect(plan.needs).toStrictEqual(["test"]);
    expect(plan.if).toBe(`${sameRepo} && needs.test.outputs.stacks != '[]'`);
    expect(plan.strategy?.matrix).toStrictEqual({ stack: "${{ fromJSON(needs.test.outputs.stacks) }}" });
    expect(pr.jobs.test.steps?.find((s) => s.id === "targets")?.run).toContain("npx tsx scripts/plan-targets.ts cdktf.out/deploy-targets.json");
    expect(plan.environment).toBe("${{ matrix.stack }}-pr-plan");
    expect(plan["runs-on"]).toBe("ubuntu-latest");
    expect(plan.permissions).toStrictEqual({ contents: "read", "id-token": "write" });
    expect(plan.steps?.find((s) => s.uses === "./.github/actions/plan")?.with).toMatchObject({
      stack: "${{ matrix.stack }}",
      "aws-role-arn": "${{ vars.AWS_ROLE_ARN }}",
      "plan-text": "${{ !contains(fromJSON(needs.test.outputs.production), matrix.stack) }}",
    });
  });

  it("skips the plans of fork and Dependabot PRs with a note instead of failing them", () => {
    const skipped = pr.jobs["plan-skipped"];
    expect(skipped.if).toBe("github.event.pull_request.head.repo.full_name != github.repository || github.event.pull_request.user.login == 'dependabot[bot]'");
    expect(skipped.permissions).toBeUndefined();
    expect(skipped.steps?.[0].run).toMatch(/Terraform plans skipped[\s\S]*GITHUB_STEP_SUMMARY/);
  });

  it("diffs the platform against the pull request's base commit for the comment job", () => {
    const diff = pr.jobs.diff;
    expect(diff.steps?.find((s) => s.uses?.startsWith("actions/checkout@"))?.with).toStrictEqual({ "fetch-depth": 0, "persist-credentials": false });
    const run = diff.steps?.find((s) => s.run?.includes("npm run --silent diff"));
    expect([run?.env, run?.run]).toStrictEqual([{ BASE_SHA: "${{ github.event.pull_request.base.sha }}" }, 'npm run --silent diff -- "$BASE_SHA" | tee platform-diff.md >> "$GITHUB_STEP_SUMMARY"']);
    expect(diff.steps?.find((s) => s.uses?.startsWith("actions/upload-artifact@"))?.with).toMatchObject({ name: "platform-diff", path: "platform-diff.md" });
    expect([diff.permissions, diff.environment]).toStrictEqual([undefined, undefined]);
  });

  it("posts the overview, the platform diff and the plans as sticky comments from a job with no checkout, identity or environment", () => {
    const comment = pr.jobs.comment;
    expect(comment.needs).toStrictEqual(["test", "diff", "plan"]);
    expect(comment.if).toBe(`\${{ !cancelled() && ${sameRepo} }}`);
    expect(comment.permissions).toStrictEqual({ "pull-requests": "write" });
    expect([comment.environment, comment.steps?.some((s) => s.uses?.startsWith("actions/checkout@"))]).toStrictEqual([undefined, false]);
    const script = String(comment.steps?.find((s) => s.uses?.startsWith("actions/github-script@"))?.with?.script);
    for (const text of ["<!-- lakehouse-overview -->", "pr-artifacts/overview/overview.md", "<!-- lakehouse-diff -->", "pr-artifacts/platform-diff/platform-diff.md", "<!-- lakehouse-plans -->", "updateComment", "createComment"]) expect(script).toContain(text);
    const writers = Object.entries(pr.jobs).filter(([, job]) => job.permissions?.["pull-requests"]).map(([id]) => id);
    expect(writers).toStrictEqual(["comment"]);
    expect(pr.jobs.test.steps?.find((s) => s.uses?.startsWith("actions/upload-artifact@"))?.with).toMatchObject({ name: "overview", path: "cdktf.out/overview.md" });
  });
});

describe("deploy workflow", () => {
  const deploy = workflow("deploy.yml");
  type Dispatch = { inputs: Record<string, { type: string; default?: unknown; options?: string[] }> };
  const usesOf = (job: Job, action: string) => job.steps?.find((s) => s.uses === `./.github/actions/${action}`)?.with;

  it("runs on pushes to main, and by hand for one stack (or all) at a git ref, never cancelling a running deploy", () => {
    expect(Object.keys(deploy.on)).toStrictEqual(["push", "workflow_dispatch"]);
    expect(deploy.on.push).toStrictEqual({ branches: ["main"] });
    const { inputs } = deploy.on.workflow_dispatch as Dispatch;
    expect(inputs.stack.options).toStrictEqual(["all", ...stacks]);
    expect([inputs.ref.type, inputs.ref.default]).toStrictEqual(["string", "main"]);
    expect([inputs["allow-stateful-destroy"].type, inputs["allow-stateful-destroy"].default]).toStrictEqual(["boolean", false]);
    expect(deploy.permissions).toStrictEqual({ contents: "read" });
    expect(deploy.concurrency["cancel-in-progress"]).toBe(false);
  });

  it("gives a dispatch (a rollback) a concurrency group of its own, so no later push replaces it while pending", () => {
    expect(deploy.concurrency.group).toBe("${{ github.event_name == 'workflow_dispatch' && format('deploy-dispatch-{0}', github.run_id) || 'deploy-main' }}");
  });

  it("resolves the ref once to a full SHA on main (merged code only), and fails a push while deploys are frozen", () => {
    const test = deploy.jobs.test;
    const steps = test.steps ?? [];
    expect(steps[0].with).toStrictEqual({ ref: "${{ inputs.ref || github.sha }}", "fetch-depth": 0, "persist-credentials": false });
    const resolve = steps.find((s) => s.id === "commit");
    expect(steps.indexOf(resolve as Step)).toBeLessThan(steps.findIndex((s) => s.run === "npm test"));
    expect(resolve?.env).toStrictEqual({ EVENT: "${{ github.event_name }}", REF: "${{ inputs.ref || github.sha }}", FREEZE: "${{ vars.DEPLOY_FREEZE }}" });
    expect(resolve?.run).toMatch(/if \[ "\$EVENT" = push \] && \[ "\$FREEZE" = true \]; then\n[^\n]*\n\s+exit 1/);
    expect(resolve?.run).toMatch(/sha=\$\(git rev-parse HEAD\)\nif ! git merge-base --is-ancestor "\$sha" origin\/main; then\n[^\n]*\n\s+exit 1/);
    expect(test.outputs).toStrictEqual({ commit: "${{ steps.commit.outputs.sha }}", about: "${{ steps.commit.outputs.about }}" });
  });

  it.each(["aws", "azure"])("plans and applies %s dev, then staging, then prod, each after the one before succeeded", (cloud) => {
    const order = [`${cloud}-dev`, `${cloud}-staging`, `${cloud}-prod`];
    order.forEach((id, i) => {
      const plan = deploy.jobs[`plan-${id}`];
      const previous = order[i - 1];
      expect(plan.needs).toStrictEqual(i === 0 ? ["test"] : ["test", `plan-${previous}`, `apply-${previous}`]);
      if (i > 0) {
        expect(plan.if).toContain(`inputs.stack == '${id}' || ((github.event_name == 'push' || inputs.stack == 'all') && needs.plan-${previous}.result == 'success' && contains(fromJSON('["success", "skipped"]'), needs.apply-${previous}.result))`);
      }
      expect(deploy.jobs[`apply-${id}`].needs).toStrictEqual([`plan-${id}`]);
    });
    expect(Object.keys(deploy.jobs).filter((id) => id !== "test").sort()).toStrictEqual(stacks.flatMap((s) => [`apply-${s}`, `plan-${s}`]).sort());
  });

  it.each(stacks)("plans %s as its read-only plan environment, from this workflow's commit, the resolved commit apart", (id) => {
    const plan = deploy.jobs[`plan-${id}`];
    expect([plan.environment, plan.permissions]).toStrictEqual([`${id}-plan`, { contents: "read", "id-token": "write" }]);
    expect(plan.steps?.map((s) => s.uses?.split("@")[0])).toStrictEqual(["actions/checkout", "./.github/actions/deploy-plan"]);
    expect(plan.steps?.[0].with).toStrictEqual({ ref: "${{ github.sha }}", "persist-credentials": false });
    expect(usesOf(plan, "deploy-plan")).toMatchObject({
      stack: id,
      commit: "${{ needs.test.outputs.commit }}",
      about: "${{ needs.test.outputs.about }}",
      freeze: "${{ vars.DEPLOY_FREEZE }}",
      "allow-stateful-destroy": "${{ inputs.allow-stateful-destroy == true }}",
      "plan-artifact-key": "${{ vars.PLAN_ARTIFACT_KEY }}",
    });
    expect(plan.outputs).toStrictEqual({ changes: "${{ steps.plan.outputs.changes }}", digest: "${{ steps.plan.outputs.digest }}", verdict: "${{ steps.plan.outputs.verdict }}" });
  });

  it.each(stacks)("applies %s's reviewed plan in its deploy, rollback or destroy environment, with the plan job's digest and verdict", (id) => {
    const apply = deploy.jobs[`apply-${id}`];
    expect([apply.if, apply.environment]).toStrictEqual([
      `\${{ !cancelled() && needs.plan-${id}.result == 'success' && needs.plan-${id}.outputs.changes == 'true' }}`,
      `\${{ github.event_name == 'push' && '${id}' || (inputs.allow-stateful-destroy && '${id}-destroy' || '${id}-rollback') }}`,
    ]);
    expect(apply.steps?.map((s) => s.uses?.split("@")[0])).toStrictEqual(["actions/checkout", "./.github/actions/deploy-apply"]);
    expect(usesOf(apply, "deploy-apply")).toMatchObject({
      stack: id,
      digest: `\${{ needs.plan-${id}.outputs.digest }}`,
      verdict: `\${{ needs.plan-${id}.outputs.verdict }}`,
      freeze: "${{ vars.DEPLOY_FREEZE }}",
    });
  });

  it("checks out the resolved commit apart in the plan job, and gates from the workspace (the workflow's own commit)", () => {
    const steps = action("deploy-plan").runs.steps;
    expect(steps.filter((s) => s.uses?.startsWith("actions/checkout@")).map((s) => s.with)).toStrictEqual([{ ref: "${{ inputs.commit }}", path: "deploy", "persist-credentials": false }]);
    expect(steps.find((s) => s.uses === "./.github/actions/prepare")?.with).toStrictEqual({ directories: ".\ndeploy\n" });
    expect(steps.find((s) => s.uses === "./.github/actions/plan")?.with).toMatchObject({ directory: "deploy", "allow-stateful-destroy": "${{ inputs.allow-stateful-destroy }}" });
    const gate = action("plan").runs.steps.find((s) => s.name === "Plan summary and destroy gate")?.run;
    expect(gate).toContain('DEPLOY_TARGETS="$DIR/cdktf.out/deploy-targets.json" npx tsx scripts/plan-gate.ts "$dir/plan.json"');
    expect(action("plan").runs.steps.find((s) => s.run?.includes("npm run --silent synth"))?.["working-directory"]).toBe("${{ inputs.directory }}");
  });

  it("uploads only the encrypted plan, configuration, notebooks, lock file and targets, with the sha256 of their checksum list", () => {
    const steps = action("deploy-plan").runs.steps;
    const collect = steps.find((s) => s.id === "artifact")?.run ?? "";
    expect(collect).toContain('cp "$dir/tfplan" "$dir/cdk.tf.json" "$dir/.terraform.lock.hcl" tfplan-artifact/');
    expect(collect).toContain("scripts/plan-artifact.sh seal tfplan-artifact");
    expect(collect).not.toMatch(/plan\.json|plan\.txt|\.terraform\//);
    const upload = steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
    expect(upload?.with).toMatchObject({ name: "tfplan-${{ inputs.stack }}", path: "tfplan-artifact/", "include-hidden-files": true, "if-no-files-found": "error", overwrite: true });
    expect(Number(upload?.with?.["retention-days"])).toBeLessThanOrEqual(3);
  });

  it("applies exactly the reviewed plan file: digest, decrypt, read-only lock, the gate again, then terraform apply", () => {
    const steps = action("deploy-apply").runs.steps;
    expect(steps.find((s) => s.uses === "./.github/actions/prepare")?.with).toStrictEqual({ "install-scripts": "false" });
    expect(steps.find((s) => s.uses?.startsWith("actions/download-artifact@"))?.with).toStrictEqual({ name: "tfplan-${{ inputs.stack }}", path: "cdktf.out/stacks/${{ inputs.stack }}" });
    expect(steps.some((s) => s.uses?.startsWith("actions/checkout@"))).toBe(false);
    const runs = steps.map((s) => s.run).filter(Boolean) as string[];
    expect(runs.slice(2)).toStrictEqual([
      'scripts/plan-artifact.sh open "cdktf.out/stacks/$STACK"',
      'terraform -chdir="cdktf.out/stacks/$STACK" init -input=false -lockfile=readonly',
      runs[4],
      'terraform -chdir="cdktf.out/stacks/$STACK" apply -input=false tfplan',
    ]);
    expect(runs[4]).toContain('--expect-verdict "$VERDICT"');
    expect(allText).not.toMatch(/cdktf deploy|auto-approve/);
  });
});

describe("drift workflow", () => {
  const drift = workflow("drift.yml");

  it("plans every stack of the spec on a schedule, read-only, with -detailed-exitcode", () => {
    expect(drift.on).toMatchObject({ schedule: [{ cron: expect.stringMatching(/^\S+ \S+ \* \* \S+$/) }], workflow_dispatch: null });
    const plan = drift.jobs.plan;
    expect([plan.environment, plan.permissions]).toStrictEqual(["${{ matrix.stack }}-plan", { contents: "read", "id-token": "write" }]);
    expect(plan.steps?.find((s) => s.uses === "./.github/actions/plan")).toBeDefined();
    expect(plan["runs-on"]).toBe("${{ fromJSON(needs.targets.outputs.runners)[matrix.stack] }}");
    const record = plan.steps?.find((s) => s.name === "Record the outcome (clean, drifted, or the plan failed)");
    expect([record?.if, record?.env?.OUTCOME]).toStrictEqual(["${{ !cancelled() }}", "${{ steps.plan.outcome }}"]);
    expect(plan.steps?.find((s) => s.uses?.startsWith("actions/upload-artifact@"))?.if).toBe("${{ !cancelled() }}");
  });

  it("opens an issue per drifted stack, or comments on the open one, from a job that may only write issues", () => {
    const report = drift.jobs.report;
    expect([report.needs, report.permissions]).toStrictEqual([["targets", "plan"], { issues: "write" }]);
    const script = String(report.steps?.find((s) => s.uses?.startsWith("actions/github-script@"))?.with?.script);
    for (const text of ["Drift detected in ${stack}", 'labels: "drift"', "issues.create(", "issues.createComment("]) expect(script).toContain(text);
  });
});
