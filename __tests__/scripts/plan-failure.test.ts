import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { explainPlanFailure, protectedResources } from "../../scripts/plan-errors";

const ROOT = path.join(__dirname, "../..");
// terraform 1.11.4's stderr for a replacement of a terraform_data resource with prevent_destroy.
const FIXTURE = path.join(__dirname, "fixtures/prevent-destroy.stderr.txt");
const preventDestroy = fs.readFileSync(FIXTURE, "utf8");

describe("a failed plan says why", () => {
  it("names the resources prevent_destroy stopped, from Terraform's own error", () => {
    expect(protectedResources(preventDestroy)).toStrictEqual(["terraform_data.lake"]);
  });

  it("puts the verdict first, says allow-stateful-destroy cannot help, and keeps Terraform's text", () => {
    const { verdict, markdown } = explainPlanFailure("aws-prod", preventDestroy, 1);
    expect(verdict).toBe("⛔ plan failed: 1 protected resource(s) would be destroyed or replaced (lifecycle.prevent_destroy): `terraform_data.lake`");
    expect(markdown.split("\n").slice(0, 3)).toStrictEqual(["### Plan for `aws-prod` failed", "", verdict]);
    expect(markdown).toContain("`allow-stateful-destroy` cannot unblock it");
    expect(markdown).toContain("Error: Instance cannot be destroyed");
  });

  it("reports any other failure with its exit code and the error text", () => {
    const { verdict, markdown } = explainPlanFailure("azure-dev", "Error: building account: could not acquire access token\n", 1);
    expect(verdict).toBe("⛔ plan failed: terraform plan exited 1; its error is below");
    expect(markdown).toContain("Error: building account: could not acquire access token");
    expect(markdown).not.toContain("allow-stateful-destroy");
  });

  it("keeps only the end of a very long error", () => {
    const { markdown } = explainPlanFailure("aws-dev", `${"x".repeat(50_000)}\nError: the last line`, 1);
    expect([markdown.length < 21_000, markdown.includes("Error: the last line")]).toStrictEqual([true, true]);
  });

  it("scripts/plan-failure.ts prints the Markdown for a stderr file", () => {
    const run = spawnSync("npx", ["tsx", "scripts/plan-failure.ts", "aws-prod", FIXTURE, "1"], { cwd: ROOT, encoding: "utf8" });
    expect([run.status, run.stdout]).toStrictEqual([0, explainPlanFailure("aws-prod", preventDestroy, 1).markdown]);
  });
});
