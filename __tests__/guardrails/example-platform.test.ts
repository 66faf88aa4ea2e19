import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, TerraformStack } from "cdktf";
import { GuardrailsAspect, lakehousePack } from "../../guardrails";
import { buildApp } from "../../stacks/app";
import { workspaceRequirements } from "../../stacks/workspace-requirements";
import { platform } from "../fixtures/platform";

describe("the lakehouse pack over the example platform", () => {
  const notebooks = fs.mkdtempSync(path.join(os.tmpdir(), "notebooks-"));
  afterAll(() => fs.rmSync(notebooks, { recursive: true, force: true }));
  const app = new App({ outdir: notebooks });
  buildApp(platform, app, notebooks);
  const aspect = new GuardrailsAspect(lakehousePack({ requiredTags: Object.keys(platform.tags), workspaces: workspaceRequirements(platform), governedTables: true }));
  for (const stack of app.node.findAll().filter(TerraformStack.isStack)) for (const node of stack.node.findAll()) aspect.visit(node);

  it("finds nothing", () => {
    expect(aspect.findings).toStrictEqual([]);
  });

  it("suppresses only the SSE-S3-by-design buckets, each with its reason: access logs everywhere, root storage outside prod (SSE-KMS there)", () => {
    const suppressed = new Set(aspect.suppressed.map((s) => `${s.ruleId} ${s.path.split("/").slice(0, 3).join("/")}`));
    expect([...suppressed].sort()).toStrictEqual([
      "LH-S3-ENCRYPTION aws-dev/aws/access_logs",
      "LH-S3-ENCRYPTION aws-dev/aws/root_storage",
      "LH-S3-ENCRYPTION aws-prod/aws/access_logs",
      "LH-S3-ENCRYPTION aws-proddr/aws/access_logs",
      "LH-S3-ENCRYPTION aws-staging/aws/access_logs",
      "LH-S3-ENCRYPTION aws-staging/aws/root_storage",
    ]);
    expect(aspect.suppressed.every((s) => s.reason.length > 20)).toBe(true);
  });
});
