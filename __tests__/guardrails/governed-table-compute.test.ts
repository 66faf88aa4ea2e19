import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ClusterPolicy } from "@cdktf/provider-databricks/lib/cluster-policy";
import { governedTableCompute } from "../../guardrails/rules/governed-table-compute";
import { synthPlatform } from "../../stacks/app";
import { GuardrailError } from "../../stacks/guardrail-report";
import { exampleInput } from "../fixtures/platform";
import { bucket, job, stack } from "./stacks";

const governed = governedTableCompute(true);
const withMode = (dataSecurityMode?: string) =>
  job(stack(), { jobCluster: [{ jobClusterKey: "pipeline", newCluster: { sparkVersion: "17.3.x-scala2.13", numWorkers: 1, dataSecurityMode } }] });
const policy = (mode?: string) =>
  new ClusterPolicy(stack(), "policy", { name: "jobs", definition: JSON.stringify(mode ? { data_security_mode: { type: "fixed", value: mode } } : {}) });

describe("LH-GOVERNED-TABLE-COMPUTE", () => {
  it("passes job clusters and policies in standard access mode, in either spelling", () => {
    expect(governed(withMode("USER_ISOLATION"))).toStrictEqual([]);
    expect(governed(withMode("DATA_SECURITY_MODE_STANDARD"))).toStrictEqual([]);
    expect(governed(policy("USER_ISOLATION"))).toStrictEqual([]);
    expect(governed(bucket(stack()))).toBeUndefined();
  });

  it("checks nothing on a platform without masks or row filters", () => {
    expect(governedTableCompute(false)(withMode("SINGLE_USER"))).toBeUndefined();
  });

  it("fails if a job cluster of a governed platform is dedicated, whatever its runtime", () => {
    expect(governed(withMode("SINGLE_USER"))?.map((f) => f.message)).toStrictEqual([
      'set dataSecurityMode "USER_ISOLATION" (standard) on job cluster "pipeline", not "SINGLE_USER": the spec\'s column masks and row filters are written by the job (silver MERGE, quarantine append, gold replace); only standard access mode writes all of them, dedicated compute cannot replace such a table on any runtime',
    ]);
  });

  it("fails if a job cluster leaves the access mode to Databricks", () => {
    expect(governed(withMode())?.[0].message).toMatch(/^set dataSecurityMode "USER_ISOLATION" \(standard\) on job cluster "pipeline", not nothing:/);
    expect(governed(withMode("DATA_SECURITY_MODE_AUTO"))).toHaveLength(1);
  });

  it("fails if the cluster policy lets clusters be dedicated", () => {
    expect(governed(policy("SINGLE_USER"))?.[0]).toMatchObject({ ruleId: "LH-GOVERNED-TABLE-COMPUTE", message: expect.stringMatching(/^fix data_security_mode to "USER_ISOLATION"/) });
    expect(governed(policy())).toHaveLength(1);
  });

  it("fails synth if the example, which masks and filters, asks for dedicated compute, naming the spec field", () => {
    const input = exampleInput();
    input.environments[1].compute.accessMode = "dedicated";
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "governed-compute-"));
    let error: unknown;
    try {
      synthPlatform(input, path.join(dir, "out"));
    } catch (e) {
      error = e;
    }
    try {
      expect(error).toBeInstanceOf(GuardrailError);
      expect((error as GuardrailError).problems).toStrictEqual([
        {
          path: "environments[1].compute.accessMode",
          message: `set it to "standard": the spec's column masks and row filters need compute that can MERGE into, append to and replace such tables (guardrail LH-GOVERNED-TABLE-COMPUTE, in ${input.environments[1].cloud}-${input.environments[1].name})`,
        },
      ]);
      expect(fs.existsSync(path.join(dir, "out"))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
