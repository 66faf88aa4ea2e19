import { LOCAL_SPARK, acceptedRuntimes, sparkOfRuntime } from "../engine";
import type { Problem } from "../problem";
import type { Platform } from "../schema";
import type { SpecRule } from "./rule";

/**
 * Every environment's job clusters run the local engine's Spark: a runtime on another Spark would
 * run code the local suite never ran (ANSI defaults, removed APIs, Delta protocol).
 */
export const engineRules: SpecRule = (p: Platform) =>
  p.environments.flatMap((env, i): Problem[] => {
    const { sparkVersion } = env.compute;
    const spark = sparkOfRuntime(sparkVersion);
    if (spark === LOCAL_SPARK) return [];
    const runs = spark ? `runs Spark ${spark}` : "is no supported LTS Databricks Runtime";
    return [{
      path: `environments[${i}].compute.sparkVersion`,
      value: sparkVersion,
      message: `${runs}; the pipeline is tested on Spark ${LOCAL_SPARK} (pyspark in requirements.txt): expected one of ${acceptedRuntimes().map((r) => `"${r}"`).join(", ")}`,
    }];
  });
