/** Synthesizes DatabricksLakehouse on a fake foundation for one environment of the example platform. */
import { TerraformStack, Testing } from "cdktf";
// Brings in the type declarations of cdktf's Jest matchers (registered at runtime by __tests__/setup.ts).
import type {} from "cdktf/lib/testing/adapters/jest";
import type { Cloud, EnvironmentSpec, Platform } from "../../platform";
import { DatabricksLakehouse } from "../../constructs/databricks/databricks-lakehouse";
import { awsEnv, azureEnv, platform as examplePlatform } from "../fixtures/platform";
import { FakeFoundation, fakePipeline } from "./fake-foundation";

export interface Synthesized {
  /** The synthesized stack, as the cdktf matchers take it. */
  readonly json: string;
  /** The same, parsed. */
  readonly tf: { resource: Record<string, Record<string, Record<string, unknown>>>; provider: Record<string, unknown> };
  readonly lakehouse: DatabricksLakehouse;
  readonly foundation: FakeFoundation;
}

export interface SynthOptions {
  readonly cloud?: Cloud;
  /** Environment name in the example platform. @default "dev" */
  readonly env?: string;
  /** Changes to the example environment. */
  readonly tweak?: (env: EnvironmentSpec) => EnvironmentSpec;
  /** Changes to the example platform. */
  readonly platform?: (p: Platform) => Platform;
}

export function synthLakehouse(options: SynthOptions = {}): Synthesized {
  const cloud = options.cloud ?? "aws";
  const base = cloud === "aws" ? awsEnv(options.env) : azureEnv(options.env);
  const environment = (options.tweak ?? ((e) => e))(structuredClone(base));
  const platform = (options.platform ?? ((p) => p))(structuredClone(examplePlatform));
  const stack = new TerraformStack(Testing.app(), "test");
  const foundation = new FakeFoundation(stack, "cloud", cloud);
  const { plan, notebookDir } = fakePipeline();
  const lakehouse = new DatabricksLakehouse(stack, "databricks", { platform, environment, foundation, pipeline: plan, notebookDir });
  const json = Testing.synth(stack);
  return { json, tf: JSON.parse(json), lakehouse, foundation };
}

/** The only resource of a type: fails the test when there is not exactly one. */
export function only(s: Synthesized, type: string): Record<string, unknown> {
  const all = Object.values(s.tf.resource[type] ?? {});
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

/** The resource of a type whose construct id (the last part of its path) is `id`, e.g. "schema_bronze". */
export function resource(s: Synthesized, type: string, id: string): Record<string, unknown> {
  const pattern = new RegExp(`_${id}_[0-9A-F]{8}$`);
  const found = Object.entries(s.tf.resource[type] ?? {}).filter(([logicalId]) => pattern.test(logicalId));
  if (found.length !== 1) throw new Error(`expected one ${type} with id ${id}, found ${found.length}`);
  return found[0][1];
}
