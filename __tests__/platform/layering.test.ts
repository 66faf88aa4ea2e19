import { spawnSync } from "node:child_process";
import * as path from "node:path";

/** The folder order is enforced by eslint-plugin-boundaries in `npm run lint`; these cases prove the rule bites. */
const root = path.resolve(__dirname, "../..");

/** Lints `source` as if it were `file` (the project's own config, through the CLI: jest cannot load ESM configs). */
async function boundaryErrors(file: string, source: string): Promise<number> {
  const eslint = path.join(root, "node_modules", ".bin", "eslint");
  const run = spawnSync(eslint, ["--format", "json", "--stdin", "--stdin-filename", file], { cwd: root, input: source, encoding: "utf8" });
  const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string | null }> }>;
  return result.messages.filter((m) => m.ruleId === "boundaries/dependencies").length;
}

describe("folder order platform -> naming -> jobs -> constructs -> stacks", () => {
  it.each([
    ["platform/x.ts", 'import { stackName } from "../naming";\nexport const x = stackName;\n'],
    ["naming/x.ts", 'import { planPipeline } from "../jobs";\nexport const x = planPipeline;\n'],
    ["jobs/x.ts", 'import { DatabricksLakehouse } from "../constructs/databricks/databricks-lakehouse";\nexport const x = DatabricksLakehouse;\n'],
    ["constructs/x.ts", 'import { synthPlatform } from "../stacks/app";\nexport const x = synthPlatform;\n'],
    ["observability/x.ts", 'import { OVERVIEW_FILE } from "../overview";\nexport const x = OVERVIEW_FILE;\n'],
    ["overview/x.ts", 'import { DatabricksLakehouse } from "../constructs/databricks/databricks-lakehouse";\nexport const x = DatabricksLakehouse;\n'],
    ["jobs/x.ts", 'import { environmentAlerts } from "../observability";\nexport const x = environmentAlerts;\n'],
    ["diff/x.ts", 'import { synthPlatform } from "../stacks/app";\nexport const x = synthPlatform;\n'],
    ["platform/x.ts", 'import { diffPlatforms } from "../diff";\nexport const x = diffPlatforms;\n'],
  ])("fails if %s imports a later folder", async (file, source) => {
    expect(await boundaryErrors(file, source)).toBe(1);
  });

  it("lets the diff read the models and the stateful-type list", async () => {
    expect(await boundaryErrors("diff/x.ts", 'import { stackName } from "../naming";\nimport { STATEFUL_RESOURCE_TYPES } from "../guardrails/stateful-resources";\nexport const x = [stackName, STATEFUL_RESOURCE_TYPES];\n')).toBe(0);
  });

  it.each([
    ["jobs/x.ts", 'import { governanceRules } from "../platform/rules/governance";\nexport const x = governanceRules;\n'],
    ["constructs/x.ts", 'import { sqlRules } from "../platform/rules/sql";\nexport const x = sqlRules;\n'],
    ["platform/syntax/x.ts", 'import { silverColumns } from "../columns";\nexport const x = silverColumns;\n'],
  ])("fails if %s imports a rule file, or a parser imports the rest of platform", async (file, source) => {
    expect(await boundaryErrors(file, source)).toBe(1);
  });

  it("lets rules and later folders use the parsers, and jobs the column resolver", async () => {
    expect(await boundaryErrors("platform/rules/x.ts", 'import { parseCidr } from "../syntax/cidr";\nexport const x = parseCidr;\n')).toBe(0);
    expect(await boundaryErrors("jobs/x.ts", 'import { parseSparkSql } from "../platform/syntax/sql";\nimport { resolveColumn } from "../platform";\nexport const x = [parseSparkSql, resolveColumn];\n')).toBe(0);
  });

  it("lets a folder import an earlier one", async () => {
    expect(await boundaryErrors("jobs/x.ts", 'import { stackName } from "../naming";\nimport { silverColumns } from "../platform";\nexport const x = [stackName, silverColumns];\n')).toBe(0);
  });
});
