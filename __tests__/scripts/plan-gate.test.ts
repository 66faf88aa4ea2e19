import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { gate, renderSummary, summarizePlan, verdictDigest } from "../../scripts/plan-summary";

const ROOT = path.join(__dirname, "../..");
const FIXTURES = path.join(__dirname, "fixtures");
const plan = (name: string) => summarizePlan(JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.plan.json`), "utf8")));
const protectedRun = { destroyProtection: true, allowStatefulDestroy: false };

describe("plan summary", () => {
  it("counts creates, updates, replaces and destroys of a real terraform 1.11 plan (terraform_data)", () => {
    // Made with terraform 1.11.4: apply three terraform_data resources, then change one input,
    // rename one and force-replace one; `terraform show -json tfplan`.
    const summary = plan("terraform-data");
    expect(summary.counts).toStrictEqual({ create: 1, update: 1, replace: 1, destroy: 1 });
    expect(summary.changes.find((c) => c.kind === "destroy")).toStrictEqual({ address: "terraform_data.renamed_old", type: "terraform_data", kind: "destroy", reason: "delete_because_no_resource_config" });
    expect(summary.statefulLosses).toStrictEqual([]);
  });

  it("ignores no-ops and data source reads, and treats both replace orders as a replace", () => {
    expect(plan("aws-prod-rename-bucket").counts).toStrictEqual({ create: 1, update: 1, replace: 0, destroy: 1 });
    expect(plan("azure-dev-replace-catalog").counts).toStrictEqual({ create: 0, update: 1, replace: 2, destroy: 0 });
  });

  it("names the stateful resources a plan destroys or replaces, and only those", () => {
    expect(plan("aws-prod-rename-bucket").statefulLosses.map((c) => [c.address, c.kind])).toStrictEqual([["aws_s3_bucket.aws_lake_gold_bucket_1A2B3C4D", "destroy"]]);
    expect(plan("azure-dev-replace-catalog").statefulLosses.map((c) => [c.address, c.kind])).toStrictEqual([["databricks_catalog.databricks_catalog_1F2E3D4C", "replace"]]);
    expect(plan("aws-staging-pipeline-change").statefulLosses).toStrictEqual([]);
  });

  it("fails if the input is not a terraform show -json plan", () => {
    expect(() => summarizePlan({ resources: [] })).toThrow(/terraform show -json/);
  });
});

describe("destroy gate", () => {
  it("fails if a protected stack's plan destroys a stateful resource (a rename)", () => {
    expect(gate(plan("aws-prod-rename-bucket"), protectedRun).pass).toBe(false);
  });

  it("fails if a protected stack's plan replaces a stateful resource", () => {
    expect(gate(plan("azure-dev-replace-catalog"), protectedRun).pass).toBe(false);
  });

  it("passes a plan that replaces or destroys only stateless resources", () => {
    expect(gate(plan("aws-staging-pipeline-change"), protectedRun)).toStrictEqual({ pass: true, reason: "no stateful resource is destroyed or replaced" });
  });

  it("passes a stateful loss only when the run allows it or the environment opted out", () => {
    expect(gate(plan("aws-prod-rename-bucket"), { destroyProtection: true, allowStatefulDestroy: true }).pass).toBe(true);
    expect(gate(plan("azure-dev-replace-catalog"), { destroyProtection: false, allowStatefulDestroy: false }).pass).toBe(true);
  });

  it("summarizes the counts, the verdict and each stateful loss in Markdown", () => {
    const summary = plan("aws-prod-rename-bucket");
    const text = renderSummary("aws-prod", summary, gate(summary, protectedRun));
    expect(text.split("\n").slice(0, 3)).toStrictEqual([
      "### Plan for `aws-prod`: 1 to create, 1 to update, 0 to replace, 1 to destroy",
      "",
      expect.stringMatching(/^⛔ gate failed: 1 stateful resource\(s\) would be destroyed or replaced/),
    ]);
    expect(text).toContain("| `aws_s3_bucket.aws_lake_gold_bucket_1A2B3C4D` | destroy | delete_because_no_resource_config |");
  });
});

describe("verdict digest", () => {
  it("is the same for the same stack, changes and verdict, and differs when any of them does", () => {
    const digest = (stack: string, name: string, options = protectedRun) => verdictDigest(stack, plan(name), gate(plan(name), options));
    expect(digest("aws-prod", "aws-prod-rename-bucket")).toBe(digest("aws-prod", "aws-prod-rename-bucket"));
    expect(digest("aws-prod", "aws-prod-rename-bucket")).toMatch(/^[0-9a-f]{64}$/);
    const others = [digest("aws-dev", "aws-prod-rename-bucket"), digest("aws-prod", "aws-staging-pipeline-change"), digest("aws-prod", "aws-prod-rename-bucket", { destroyProtection: true, allowStatefulDestroy: true })];
    expect(new Set([digest("aws-prod", "aws-prod-rename-bucket"), ...others]).size).toBe(4);
  });
});

describe("scripts/plan-gate.ts", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-gate-"));
  const targets = path.join(dir, "deploy-targets.json");
  fs.writeFileSync(targets, JSON.stringify({ "aws-prod": { destroyProtection: true }, "azure-dev": { destroyProtection: false } }));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) =>
    spawnSync("npx", ["tsx", "scripts/plan-gate.ts", ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, DEPLOY_TARGETS: targets } });

  it("exits 1 with the summary on a protected stack's stateful destroy, 0 when the run allows it", () => {
    const blocked = run(path.join(FIXTURES, "aws-prod-rename-bucket.plan.json"), "aws-prod");
    expect([blocked.status, blocked.stdout.split("\n")[0]]).toStrictEqual([1, "### Plan for `aws-prod`: 1 to create, 1 to update, 0 to replace, 1 to destroy"]);
    expect(run(path.join(FIXTURES, "aws-prod-rename-bucket.plan.json"), "aws-prod", "--allow-stateful-destroy").status).toBe(0);
  });

  it("reads the stack's destroy protection from the deploy targets", () => {
    expect(run(path.join(FIXTURES, "azure-dev-replace-catalog.plan.json"), "azure-dev").status).toBe(0);
  });
});
