/**
 * One engine: the job clusters run the LTS Databricks Runtime whose Apache Spark is the local
 * engine's (pyspark in requirements.txt), so what the local suite proves is what the job runs.
 */

/** major.minor of the pinned pyspark (requirements.txt); a jest test fails when the two differ. */
export const LOCAL_SPARK = "4.0";

/**
 * Apache Spark major.minor of each supported LTS Databricks Runtime, from
 * https://docs.databricks.com/aws/en/release-notes/runtime/ ("Supported Databricks Runtime LTS releases").
 */
export const LTS_RUNTIME_SPARK: Readonly<Record<string, string>> = {
  "17.3": "4.0",
  "16.4": "3.5",
  "15.4": "3.5",
  "14.3": "3.5",
  "13.3": "3.4",
  "12.2": "3.3",
};

/**
 * The runtime the job clusters default to: 17.3 LTS, Spark 4.0.0. From Databricks Runtime 17 only
 * Scala 2.13 images exist (https://docs.databricks.com/aws/en/release-notes/runtime/16.4lts).
 */
export const DEFAULT_SPARK_VERSION = "17.3.x-scala2.13";

/** "17.3" of "17.3.x-photon-scala2.13". */
export const runtimeVersion = (sparkVersion: string): string => sparkVersion.split(".x-")[0];

/** The Spark major.minor a runtime id runs, or undefined when it is no supported LTS. */
export const sparkOfRuntime = (sparkVersion: string): string | undefined => LTS_RUNTIME_SPARK[runtimeVersion(sparkVersion)];

/** The runtime ids that run the local engine's Spark: what validation accepts. */
export const acceptedRuntimes = (): string[] =>
  Object.entries(LTS_RUNTIME_SPARK)
    .filter(([, spark]) => spark === LOCAL_SPARK)
    .flatMap(([version]) => [`${version}.x-scala2.13`, `${version}.x-photon-scala2.13`]);
