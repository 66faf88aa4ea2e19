import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, TerraformStack } from "cdktf";
import { GuardrailsAspect, lakehousePack } from "../../guardrails";
import { buildApp } from "../../stacks/app";
import { platform } from "../fixtures/platform";

/** Buckets that use SSE-S3 by design: S3 access-log targets must, Databricks writes the root bucket. */
const SSE_S3_BY_DESIGN = /^aws-\w+\/aws\/(access_logs|root_storage)\//;

describe("the lakehouse pack over the example platform", () => {
  it("finds nothing but the two SSE-S3-by-design buckets per AWS stack (which their constructs should suppress)", () => {
    const notebooks = fs.mkdtempSync(path.join(os.tmpdir(), "notebooks-"));
    const app = new App({ outdir: notebooks });
    buildApp(platform, app, notebooks);
    const aspect = new GuardrailsAspect(lakehousePack({ requiredTags: Object.keys(platform.tags) }));
    for (const stack of app.node.findAll().filter(TerraformStack.isStack)) for (const node of stack.node.findAll()) aspect.visit(node);

    for (const f of [...aspect.findings, ...aspect.suppressed]) {
      expect(f).toMatchObject({ ruleId: "LH-S3-ENCRYPTION", path: expect.stringMatching(SSE_S3_BY_DESIGN) });
    }
    fs.rmSync(notebooks, { recursive: true, force: true });
  });
});
