import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { applyGuardrails, lakehousePack, SUMMARY_FILE, suppress, suppressionFor } from "../../guardrails";
import { awsProvider, bucket, TAGS } from "./stacks";

let outdir: string;
beforeEach(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), "guardrails-"));
  jest.spyOn(console, "log").mockImplementation(() => undefined);
});
afterEach(() => {
  fs.rmSync(outdir, { recursive: true, force: true });
  jest.restoreAllMocks();
});

/** An app with two AWS stacks; `build` adds what the test is about to the second. */
function app(build: (scope: Construct) => void): App {
  const a = new App({ outdir });
  for (const id of ["aws-dev", "aws-prod"]) {
    const stack = new TerraformStack(a, id);
    awsProvider(stack);
    bucket(stack, "lake");
    if (id === "aws-prod") build(stack);
  }
  applyGuardrails(a, lakehousePack({ requiredTags: Object.keys(TAGS) }));
  return a;
}

const summary = () => JSON.parse(fs.readFileSync(path.join(outdir, SUMMARY_FILE), "utf8"));

describe("applyGuardrails", () => {
  it("lets a compliant app synthesize and writes an empty summary", () => {
    app(() => undefined).synth();
    expect(summary()).toStrictEqual({ findings: [], suppressed: [] });
    expect(fs.existsSync(path.join(outdir, "stacks/aws-prod/cdk.tf.json"))).toBe(true);
  });

  it("fails synth once, at the end, with every finding's construct path and fix", () => {
    const a = app((scope) => {
      bucket(scope, "raw", { sse: "aes256" });
      bucket(scope, "open", { publicAccessBlock: false, versioning: "none" });
    });
    let message = "";
    try {
      a.synth();
    } catch (err) {
      message = String(err);
    }
    expect(message).toContain("[LH-S3-ENCRYPTION] aws-prod/raw: add an S3BucketServerSideEncryptionConfigurationA");
    expect(message).toContain("[LH-S3-PUBLIC-ACCESS] aws-prod/open: add an S3BucketPublicAccessBlock");
    expect(message).toContain("[LH-S3-VERSIONING] aws-prod/open: add an S3BucketVersioningA");
    expect(summary().findings).toHaveLength(3);
  });

  it("moves a suppressed finding into the summary with its reason, on the construct or any scope above it", () => {
    app((scope) => {
      const logs = new Construct(scope, "logs");
      bucket(logs, "access_logs", { sse: "aes256" });
      suppress(logs, "LH-S3-ENCRYPTION", "S3 server access logs can only be delivered to SSE-S3 buckets");
    }).synth();
    expect(summary()).toStrictEqual({
      findings: [],
      suppressed: [
        {
          ruleId: "LH-S3-ENCRYPTION",
          path: "aws-prod/logs/access_logs",
          message: expect.stringContaining("aws:kms"),
          reason: "S3 server access logs can only be delivered to SSE-S3 buckets",
        },
      ],
    });
    expect(console.log).toHaveBeenCalledWith(expect.stringContaining("suppressed LH-S3-ENCRYPTION on aws-prod/logs/access_logs"));
  });

  it("only suppresses the rule named", () => {
    const a = app((scope) => {
      const b = bucket(scope, "raw", { sse: "aes256", versioning: "none" });
      suppress(b, "LH-S3-ENCRYPTION", "written reason");
    });
    expect(() => a.synth()).toThrow(/\[LH-S3-VERSIONING\] aws-prod\/raw/);
    expect(summary().suppressed.map((s: { ruleId: string }) => s.ruleId)).toStrictEqual(["LH-S3-ENCRYPTION"]);
  });
});

describe("suppress", () => {
  it("fails if the reason is empty", () => {
    const scope = new TerraformStack(new App({ outdir }), "s");
    expect(() => suppress(scope, "LH-TAGS", "  ")).toThrow("Suppression of LH-TAGS on s needs a written reason");
    expect(suppressionFor(scope, "LH-TAGS")).toBeUndefined();
  });
});

describe("lakehousePack", () => {
  it("composes one rule per guardrail, each with its own id", () => {
    const ids = lakehousePack({ requiredTags: [] }).map((r) => r.ruleId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        "LH-S3-ENCRYPTION", "LH-AZ-STORAGE-ENCRYPTION", "LH-S3-PUBLIC-ACCESS", "LH-AZ-STORAGE-PUBLIC-ACCESS", "LH-S3-TLS", "LH-AZ-STORAGE-TLS",
        "LH-S3-VERSIONING", "LH-TAGS", "LH-AUTO-TERMINATION", "LH-SPOT-FALLBACK", "LH-JOB-RETRIES-TIMEOUTS", "LH-JOB-NOTIFICATIONS",
        "LH-DATABRICKS-PROVIDER", "LH-AWS-WORKSPACE-CMK", "LH-WORKSPACE-HARDENING", "LH-GOVERNED-TABLE-COMPUTE", "LH-SINGLE-SCHEDULER",
      ]),
    );
  });
});
