import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { deployValueMode, fromEnv } from "../../platform";

const ROOT = path.join(__dirname, "../..");
const VARS = ["LAKEHOUSE_TEST_VALUE", "LAKEHOUSE_PLACEHOLDERS", "LAKEHOUSE_STRICT", "CI"] as const;

describe("fromEnv", () => {
  const saved = Object.fromEntries(VARS.map((v) => [v, process.env[v]]));
  beforeEach(() => VARS.forEach((v) => delete process.env[v]));
  afterAll(() => VARS.forEach((v) => (saved[v] === undefined ? delete process.env[v] : (process.env[v] = saved[v]))));

  it("uses the variable when it is set", () => {
    process.env.LAKEHOUSE_TEST_VALUE = "123456789012";
    expect(fromEnv("LAKEHOUSE_TEST_VALUE", "111111111111")).toBe("123456789012");
  });

  it("falls back to the placeholder when the variable is unset or empty", () => {
    expect(fromEnv("LAKEHOUSE_TEST_VALUE", "111111111111")).toBe("111111111111");
    process.env.LAKEHOUSE_TEST_VALUE = "";
    expect(fromEnv("LAKEHOUSE_TEST_VALUE", "111111111111")).toBe("111111111111");
  });

  it("uses the placeholder even when the variable is set, under LAKEHOUSE_PLACEHOLDERS=1", () => {
    process.env.LAKEHOUSE_PLACEHOLDERS = "1";
    process.env.LAKEHOUSE_TEST_VALUE = "123456789012";
    expect(fromEnv("LAKEHOUSE_TEST_VALUE", "111111111111")).toBe("111111111111");
  });

  it("is strict under CI=true or LAKEHOUSE_STRICT=1, local otherwise, placeholders when opted in", () => {
    expect(deployValueMode({})).toBe("local");
    expect(deployValueMode({ CI: "true" })).toBe("strict");
    expect(deployValueMode({ LAKEHOUSE_STRICT: "1" })).toBe("strict");
    expect(deployValueMode({ CI: "true", LAKEHOUSE_PLACEHOLDERS: "1" })).toBe("placeholders");
  });

  it("fails if both placeholders and strictness are asked for", () => {
    expect(() => deployValueMode({ LAKEHOUSE_STRICT: "1", LAKEHOUSE_PLACEHOLDERS: "1" })).toThrow(/contradict/);
  });
});

describe("synth of the example (main.ts)", () => {
  const synth = (env: NodeJS.ProcessEnv) =>
    execFileSync("npx", ["tsx", "main.ts"], { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, CDKTF_OUTDIR: "/nonexistent/never-written", ...env }, encoding: "utf8", stdio: "pipe" });

  it("fails if CI=true and deploy variables are unset, naming every one of them once", () => {
    let stderr = "";
    try {
      synth({ CI: "true" });
    } catch (err) {
      stderr = (err as { stderr: string }).stderr;
    }
    expect(stderr).toMatch(/deploy-time variables are unset/);
    for (const v of ["AWS_ACCOUNT_ID_DEV", "AWS_ACCOUNT_ID_PROD", "AZURE_TENANT_ID", "DATABRICKS_ACCOUNT_ID_AWS", "TF_STATE_BUCKET_PROD"]) {
      expect(stderr.split("\n").filter((line) => line.includes(`- ${v} `))).toHaveLength(1);
    }
    expect(stderr).toContain("LAKEHOUSE_PLACEHOLDERS=1");
  });
});
