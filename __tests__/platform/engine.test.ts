/** One engine: the job's runtime runs the Spark the local suite pins (requirements.txt). */
import * as fs from "node:fs";
import * as path from "node:path";
import { platform as logisticsPlatform } from "../../examples/logistics";
import { DEFAULT_SPARK_VERSION, LOCAL_SPARK, sparkOfRuntime } from "../../platform/engine";
import { validatePlatform } from "../../platform";
import { exampleInput } from "../fixtures/platform";
import { resources, synthStacks } from "../stacks/example-stacks";
import { synthBroken } from "./synth-broken";

/** major.minor of the pyspark requirements.txt pins. */
function pinnedPyspark(): string {
  const requirements = fs.readFileSync(path.join(__dirname, "../../requirements.txt"), "utf8");
  const pin = /^pyspark==(\d+)\.(\d+)\.\d+$/m.exec(requirements);
  if (!pin) throw new Error("requirements.txt pins no pyspark==X.Y.Z");
  return `${pin[1]}.${pin[2]}`;
}

type NewCluster = { spark_version: string };
/** Every job cluster's spark_version in the synthesized stacks, by stack. */
function jobRuntimes(input: unknown): Array<[string, string]> {
  return [...synthStacks(input)].flatMap(([stack, json]) =>
    resources(json)
      .filter(([type]) => type === "databricks_job")
      .flatMap(([, , job]) => ((job.job_cluster ?? []) as Array<{ new_cluster: NewCluster }>).map((c): [string, string] => [stack, c.new_cluster.spark_version])),
  );
}

describe("one engine", () => {
  it("LOCAL_SPARK is the pinned pyspark's major.minor", () => {
    expect(LOCAL_SPARK).toBe(pinnedPyspark());
  });

  it.each([
    ["retail", exampleInput()],
    ["logistics", structuredClone(logisticsPlatform)],
  ])("the %s example's job clusters run the pinned pyspark's Spark", (_name, input) => {
    const runtimes = jobRuntimes(input);
    expect(runtimes.length).toBeGreaterThan(0);
    for (const [stack, runtime] of runtimes) expect([stack, sparkOfRuntime(runtime)]).toStrictEqual([stack, pinnedPyspark()]);
  });

  it("defaults the runtime to 17.3 LTS when the spec names none", () => {
    const input = exampleInput();
    delete (input.environments[0].compute as { sparkVersion?: string }).sparkVersion;
    expect(validatePlatform(input).environments[0].compute.sparkVersion).toBe(DEFAULT_SPARK_VERSION);
    expect(DEFAULT_SPARK_VERSION).toBe("17.3.x-scala2.13");
  });

  it("accepts the Photon variant of the same runtime", () => {
    const input = exampleInput();
    input.environments[0].compute.sparkVersion = "17.3.x-photon-scala2.13";
    expect(validatePlatform(input).environments[0].compute.sparkVersion).toBe("17.3.x-photon-scala2.13");
  });

  const accepted = 'expected one of "17.3.x-scala2.13", "17.3.x-photon-scala2.13"';
  it("fails if a runtime runs another Spark than the local engine's, saying which is accepted", () => {
    const { error } = synthBroken((p) => (p.environments[1].compute.sparkVersion = "15.4.x-scala2.12"));
    expect(error.problems).toStrictEqual([
      {
        path: "environments[1].compute.sparkVersion",
        value: "15.4.x-scala2.12",
        message: `runs Spark 3.5; the pipeline is tested on Spark 4.0 (pyspark in requirements.txt): ${accepted}`,
      },
    ]);
  });

  it("fails if a runtime is no supported LTS, even on the same Spark", () => {
    const { error } = synthBroken((p) => (p.environments[0].compute.sparkVersion = "17.2.x-scala2.13"));
    expect(error.problems).toStrictEqual([
      {
        path: "environments[0].compute.sparkVersion",
        value: "17.2.x-scala2.13",
        message: `is no supported LTS Databricks Runtime; the pipeline is tested on Spark 4.0 (pyspark in requirements.txt): ${accepted}`,
      },
    ]);
  });
});
